namespace KoproGo.Core.Features.Privacy;

/// <summary>
/// One processing activity of the register (GDPR Art. 30). The texts are resource keys
/// <c>register.{Key}.{purpose|basis|categories|recipients|retention}</c>, so the register reads in FR, NL and EN.
/// </summary>
public sealed record ProcessingActivity(string Key)
{
    public string Name => $"register.{Key}.name";
    public string Purpose => $"register.{Key}.purpose";
    public string LegalBasis => $"register.{Key}.basis";
    public string Categories => $"register.{Key}.categories";
    public string Recipients => $"register.{Key}.recipients";
    public string Retention => $"register.{Key}.retention";
}

/// <summary>
/// The register of processing activities. Kept in code, next to the features it describes: a feature that starts
/// processing personal data adds its line here in the same change (and its IPersonalDataContributor).
/// </summary>
public static class ProcessingRegister
{
    public static readonly IReadOnlyList<ProcessingActivity> Activities =
    [
        new("owners"),
        new("accounting"),
        new("assemblies"),
        new("communications"),
        new("community"),
        new("accounts"),
    ];

    /// <summary>Sub-processors (Art. 28): resource keys of who they are and what they do.</summary>
    public static readonly IReadOnlyList<string> Processors = ["register.processor.hosting", "register.processor.email", "register.processor.backup"];
}
