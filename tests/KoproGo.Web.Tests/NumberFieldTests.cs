using KoproGo.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace KoproGo.Web.Tests;

/// <summary>A number field never lets out a value the user did not type: unreadable, empty or out-of-range text blocks commands.</summary>
public class NumberFieldTests : KoproTestContext
{
    private InputGuard Guard => Services.GetRequiredService<InputGuard>();
    private readonly List<object?> _values = [];

    private IRenderedComponent<NumberField<T>> Field<T>(T value, double? min = null, double? max = null)
    {
        // the culture a circuit has (the test method may run outside the constructor's execution context)
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("fr-BE");
        return Render<NumberField<T>>(p => p.Add(c => c.Value, value).Add(c => c.Min, min).Add(c => c.Max, max)
            .Add(c => c.Label, "Montant").Add(c => c.Format, "0.##").Add(c => c.HideSpinButtons, true).Add(c => c.Margin, MudBlazor.Margin.Dense)
            .AddUnmatched("id", "amount").AddUnmatched("aria-label", "Montant 1").AddUnmatched("class", "line-1")
            .Add(c => c.ValueChanged, v => _values.Add(v)));
    }

    [Theory]
    [InlineData("1e309")]
    [InlineData("99999999999999999999")]
    [InlineData("12abc")]
    public void UnreadableText_SaysSo_AndBlocksCommands(string text)
    {
        var field = Field(5);
        field.Find("input").Change(text);
        field.WaitForAssertion(() => Assert.Contains("Ce n'est pas un nombre valable.", field.Markup, StringComparison.Ordinal));
        Assert.True(Guard.Blocks);     // MudBlazor hands the page a 0 for it; the guard keeps that 0 from being saved
    }

    [Fact]
    public void OutOfRange_KeepsWhatWasTyped_SaysTheRange_AndBlocks()
    {
        var field = Field(12, min: 1, max: 12);
        field.Find("input").Change("13");
        Assert.Equal([13], _values);              // not clamped to 12 behind the user's back
        field.WaitForAssertion(() => Assert.Contains("Un nombre entre 1 et 12.", field.Markup, StringComparison.Ordinal));
        Assert.True(Guard.Blocks);
        field.Find("input").Change("12");
        Assert.False(Guard.Blocks);
    }

    [Fact]
    public void BelowAMinimum_SaysTheMinimum()
    {
        var field = Field(1m, min: 0);
        field.Find("input").Change("-1");
        field.WaitForAssertion(() => Assert.Contains("Un nombre d'au moins 0.", field.Markup, StringComparison.Ordinal));
        Assert.True(Guard.Blocks);
    }

    [Fact]
    public void ReadableValue_Passes_AndAFieldThatGoesAwayUnblocks()
    {
        var field = Field(10m);
        field.Find("input").Change("1234,5");
        Assert.False(Guard.Blocks);
        Assert.Equal([1234.5m], _values);
        field.Find("input").Change("abc");
        Assert.True(Guard.Blocks);
        field.Instance.Dispose();
        Assert.False(Guard.Blocks);
    }
}

/// <summary>
/// Every attribute a page gives a guarded field (NumberField, DateField, ChoiceField) is one of its typed parameters or
/// a plain HTML attribute: anything else is passed on untyped (a LocalizedString, the string "true") and ends the
/// circuit when the dialog opens.
/// </summary>
public class GuardedFieldUsageTests
{
    [Theory]
    [InlineData(typeof(NumberField<int>), "Value")]
    [InlineData(typeof(DateField), "Date")]
    [InlineData(typeof(ChoiceField<string>), "Value")]
    public void Pages_GiveGuardedFieldsOnlyTypedParametersOrHtmlAttributes(Type component, string bound)
    {
        var typed = component.GetProperties()
            .Where(p => p.GetCustomAttributes(typeof(Microsoft.AspNetCore.Components.ParameterAttribute), false).Length > 0)
            .Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        typed.UnionWith(["T", "@bind-" + bound]);
        var tag = component.Name.Split('`')[0];
        var uses = KoproGo.Tests.SourceTree.Files("KoproGo.Web", "*.razor")
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), $@"<{tag}\b(.*?)/>", System.Text.RegularExpressions.RegexOptions.Singleline)
                .Select(m => (File: Path.GetFileName(f), Attributes: m.Groups[1].Value)))
            .ToList();
        Assert.NotEmpty(uses);
        var wrong = uses
            .SelectMany(u => System.Text.RegularExpressions.Regex.Matches(u.Attributes, @"\s(@?[A-Za-z-]+)=").Select(a => (u.File, Name: a.Groups[1].Value)))
            .Where(a => !typed.Contains(a.Name) && a.Name != "id" && !a.Name.StartsWith("aria-", StringComparison.Ordinal) && !a.Name.StartsWith("data-", StringComparison.Ordinal))
            .Select(a => $"{a.File}: {a.Name}")
            .ToList();
        Assert.Empty(wrong);
    }
}
