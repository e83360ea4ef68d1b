using Microsoft.AspNetCore.Localization;

namespace KoproGo.Web.Localization;

public static class Cultures
{
    public const string Default = "fr-BE";
    // "en-BE", not "en": a neutral culture has no region, hence no currency (¤1,234.56).
    public static readonly string[] Supported = ["fr-BE", "nl-BE", "en-BE"];

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["fr-BE"] = "Français",
        ["nl-BE"] = "Nederlands",
        ["en-BE"] = "English",
    };

    /// <summary>The culture comes only from the cookie: a browser sending en-US must still get the fr-BE default.</summary>
    public static RequestLocalizationOptions Options()
    {
        var o = new RequestLocalizationOptions()
            .SetDefaultCulture(Default)
            .AddSupportedCultures(Supported)
            .AddSupportedUICultures(Supported);
        o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        return o;
    }

    public static void WriteCookie(HttpResponse response, string culture, DateTimeOffset now) =>
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture, culture)),
            new CookieOptions { Expires = now.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, Path = "/", HttpOnly = false });

    /// <summary>Whether a redirect target stays on this site (no open redirect).</summary>
    public static bool IsLocal(string? uri) =>
        !string.IsNullOrEmpty(uri) && uri.StartsWith('/') && !uri.StartsWith("//", StringComparison.Ordinal) && !uri.StartsWith("/\\", StringComparison.Ordinal);

    /// <summary>GET /culture/set?culture=nl-BE&amp;redirectUri=/path: writes the cookie (a circuit cannot), redirects back.</summary>
    public static IEndpointRouteBuilder MapCultureEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/culture/set", (string? culture, string? redirectUri, HttpContext http, TimeProvider clock) =>
        {
            if (culture is null || !Supported.Contains(culture))
                return Results.BadRequest();
            redirectUri = string.IsNullOrEmpty(redirectUri) ? "/" : redirectUri;
            if (!IsLocal(redirectUri))
                return Results.BadRequest();
            WriteCookie(http.Response, culture, clock.GetUtcNow());
            return Results.LocalRedirect(redirectUri);
        });
        return app;
    }
}
