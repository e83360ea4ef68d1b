using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;

namespace KoproGo.Web.Security;

/// <summary>
/// The sign-in cookie (OWASP ASVS V7.2/V7.3): HttpOnly, SameSite=Lax, Secure and with the <c>__Host-</c> prefix outside
/// Development (the prefix needs HTTPS, which the local run does not have); a sliding idle limit
/// (Security:SessionIdleHours, default 8) and an absolute one from the sign-in (Security:SessionMaxHours, default 12)
/// that neither activity nor a refresh extends. Open Blazor circuits end at the same absolute limit
/// (<see cref="RevalidatingAuthStateProvider"/> reads <see cref="SignedInAtClaim"/>).
/// </summary>
public static class SessionCookie
{
    public const string SignedInAtClaim = "koprogo:signed_in_at";
    private const string SignedInAtItem = "koprogo.signed_in_at";

    public static TimeSpan MaxLifetime(IConfiguration config) => TimeSpan.FromHours(Math.Clamp(config.GetValue("Security:SessionMaxHours", 12.0), 0.01, 24 * 30));

    public static void Configure(CookieAuthenticationOptions o, IWebHostEnvironment environment, IConfiguration config)
    {
        var secure = !environment.IsDevelopment();
        var max = MaxLifetime(config);
        o.LoginPath = "/Account/Login";
        o.AccessDeniedPath = "/Account/AccessDenied";
        o.Cookie.Name = secure ? "__Host-koprogo.auth" : "koprogo.auth";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        o.Cookie.Path = "/";
        o.ExpireTimeSpan = TimeSpan.FromHours(Math.Clamp(config.GetValue("Security:SessionIdleHours", 8.0), 0.01, max.TotalHours));
        o.SlidingExpiration = true;
        var previous = o.Events;
        o.Events = new CookieAuthenticationEvents
        {
            OnRedirectToLogin = previous.OnRedirectToLogin,
            OnRedirectToAccessDenied = previous.OnRedirectToAccessDenied,
            OnRedirectToLogout = previous.OnRedirectToLogout,
            OnRedirectToReturnUrl = previous.OnRedirectToReturnUrl,
            // the first sign-in fixes the moment; later renewals (sliding, security-stamp refresh, RefreshSignIn) keep it
            OnSigningIn = async context =>
            {
                var items = context.Properties.Items;
                if (!items.TryGetValue(SignedInAtItem, out var at) || at is null)
                    items[SignedInAtItem] = at = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                if (context.Principal?.Identity is ClaimsIdentity identity && !identity.HasClaim(c => c.Type == SignedInAtClaim))
                    identity.AddClaim(new Claim(SignedInAtClaim, at));
                await previous.SigningIn(context);
            },
            OnValidatePrincipal = async context =>
            {
                if (IsPastMaxLifetime(context.Principal, max))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(context.Scheme.Name);
                    return;
                }
                await previous.ValidatePrincipal(context);
            },
        };
    }

    /// <summary>
    /// The security-stamp check rebuilds the principal every minute: the sign-in moment and the second factor ("amr")
    /// are carried over, or the absolute limit would restart and the admin pages would forget the 2FA sign-in.
    /// </summary>
    public static void KeepSignInFacts(SecurityStampValidatorOptions o) => o.OnRefreshingPrincipal = context =>
    {
        if (context.NewPrincipal?.Identity is ClaimsIdentity identity && context.CurrentPrincipal is { } current)
            foreach (var claim in current.Claims.Where(c => c.Type is SignedInAtClaim or "amr"))
                if (!identity.HasClaim(claim.Type, claim.Value))
                    identity.AddClaim(new Claim(claim.Type, claim.Value));
        return Task.CompletedTask;
    };

    public static bool IsPastMaxLifetime(ClaimsPrincipal? principal, TimeSpan max)
    {
        var value = principal?.FindFirstValue(SignedInAtClaim);
        // a cookie from before this rule has no claim: it is let through once, and renewed with one
        return value is not null && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
               && DateTimeOffset.UtcNow - DateTimeOffset.FromUnixTimeSeconds(seconds) > max;
    }
}

/// <summary>
/// Behind a reverse proxy (nginx, a load balancer), the client's address and scheme come from X-Forwarded-For/-Proto,
/// trusted only from the proxies listed in Proxy:KnownProxies (IP addresses, comma-separated) or Proxy:KnownNetworks
/// (CIDR). Without the list nothing is trusted, and every client would share the proxy's rate-limit bucket.
/// </summary>
public static class ProxySupport
{
    public static IServiceCollection AddProxySupport(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var ip in Split(config["Proxy:KnownProxies"]))
                o.KnownProxies.Add(System.Net.IPAddress.Parse(ip));
            foreach (var network in Split(config["Proxy:KnownNetworks"]))
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            o.ForwardLimit = config.GetValue("Proxy:ForwardLimit", 1);
        });
        return services;
    }

    public static IApplicationBuilder UseProxySupport(this IApplicationBuilder app)
    {
        var config = app.ApplicationServices.GetRequiredService<IConfiguration>();
        return Split(config["Proxy:KnownProxies"]).Any() || Split(config["Proxy:KnownNetworks"]).Any() ? app.UseForwardedHeaders() : app;
    }

    private static IEnumerable<string> Split(string? list) =>
        (list ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
