using KoproGo.Web.Components.Layout;
using KoproGo.Web.Localization;
using Microsoft.AspNetCore.Identity;

namespace KoproGo.Web.Components.Account;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // The active role only changes the menu; the cookie is harmless if forged (services check memberships).
        app.MapGet("/role/set", async (string? role, HttpContext http, IActorFactory actors, TimeProvider clock, CancellationToken ct) =>
        {
            var actor = await http.ActorAsync(actors, ct);
            if (role is null || !RoleContext.RolesOf(actor).Contains(role))
                return Results.BadRequest();
            http.Response.Cookies.Append(RoleContext.CookieName, role,
                new CookieOptions { Expires = clock.GetUtcNow().AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Path = "/" });
            return Results.LocalRedirect("/");
        }).RequireAuthorization();

        // POST from the Logout page's form (its own path: the page /Account/Logout also answers POST, as every Razor component page does).
        app.MapPost("/Account/SignOut", async (SignInManager<AppUser> signIn, HttpContext http, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) =>
        {
            // a cross-site form must not sign people out: the Logout page's form carries the token
            if (!await antiforgery.IsRequestValidAsync(http))
                return Results.LocalRedirect("/Account/Logout");
            await signIn.SignOutAsync();
            http.Response.Cookies.Delete(RoleContext.CookieName);
            return Results.LocalRedirect("/Account/Login?signedOut=1");
        });
        return app;
    }

    /// <summary>After a sign-in, the interface follows the user's preferred language.</summary>
    public static void ApplyPreferredLanguage(HttpContext http, AppUser user, TimeProvider clock)
    {
        if (Cultures.Supported.Contains(user.PreferredLanguage))
            Cultures.WriteCookie(http.Response, user.PreferredLanguage, clock.GetUtcNow());
    }
}
