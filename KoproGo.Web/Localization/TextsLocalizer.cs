using System.Globalization;
using Microsoft.Extensions.Localization;

namespace KoproGo.Web.Localization;

/// <summary>
/// IStringLocalizer&lt;Texts&gt; over <see cref="Texts"/>: one lookup across every feature's resource set, in the
/// request's UI culture. (The framework's localizer reads one set per type, and the texts are split by feature.)
/// </summary>
public sealed class TextsLocalizer : IStringLocalizer<Texts>
{
    public LocalizedString this[string name]
    {
        get
        {
            var value = Texts.Find(name, CultureInfo.CurrentUICulture);
            return new LocalizedString(name, value ?? name, resourceNotFound: value is null);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => Texts.Keys.Select(k => this[k]);
}

public static class TextsRegistration
{
    /// <summary>The product's texts for components; refuses to start when a key is defined by two features.</summary>
    public static IServiceCollection AddKoproGoTexts(this IServiceCollection services)
    {
        if (Texts.Duplicates.Count > 0)
            throw new InvalidOperationException("Text keys defined in more than one resource set: " + string.Join(", ", Texts.Duplicates));
        services.AddLocalization();
        services.AddSingleton<IStringLocalizer<Texts>, TextsLocalizer>();
        services.AddTransient<MudBlazor.MudLocalizer, MudTexts>();
        return services;
    }
}

/// <summary>
/// MudBlazor's own texts ("Not a valid number", pager, date picker) in the user's language: keys <c>mud.&lt;MudKey&gt;</c>
/// of the shared set; a key we do not translate falls back to MudBlazor's English.
/// </summary>
public sealed class MudTexts : MudBlazor.MudLocalizer
{
    public override LocalizedString this[string key]
    {
        get
        {
            var value = Texts.Find("mud." + key, CultureInfo.CurrentUICulture);
            return new LocalizedString(key, value ?? key, resourceNotFound: value is null);
        }
    }
}
