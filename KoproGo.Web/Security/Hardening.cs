using System.Threading.RateLimiting;

namespace KoproGo.Web.Security;

/// <summary>Response headers and sign-in rate limits (OWASP ASVS V3/V14, V2.2).</summary>
public static class Hardening
{
    /// <summary>The forms that take a password, a code or an email: what a guesser or an enumerator would hammer.</summary>
    private static readonly string[] SignInPaths =
        ["/Account/Login", "/Account/LoginWith2fa", "/Account/ForgotPassword", "/Account/ResetPassword", "/Account/AcceptInvitation", "/Account/SignOut"];

    /// <summary>
    /// CSP that Blazor Server and MudBlazor work under: scripts only from this origin (no inline, no eval), inline styles
    /// allowed (MudBlazor sets style attributes), images from here or data: URIs (QR codes), the circuit's WebSocket to
    /// this origin, and no framing at all.
    /// </summary>
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            // the Hangfire dashboard ships inline scripts: it keeps the framing ban but not the script rule
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/admin/jobs")
                ? "frame-ancestors 'none'; object-src 'none'"
                : ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = "DENY";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            return Task.CompletedTask;
        });
        await next();
    });

    /// <summary>Per-IP limit on sign-in, code and reset POSTs; past it: 429 with Retry-After (Security:SignInPerMinute).</summary>
    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services, IConfiguration config)
    {
        var permits = config.GetValue("Security:SignInPerMinute", 20);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // a body of its own: with an empty one the status-code pages would re-execute the POST on /not-found
            o.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync("Trop de tentatives, réessayez dans une minute. / Te veel pogingen, probeer over een minuut opnieuw. / Too many attempts, try again in a minute.", ct);
            };
            // a global limiter keyed on path: Razor component pages do not carry endpoint rate-limit metadata
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                HttpMethods.IsPost(http.Request.Method) && IsSignInPath(http.Request.Path)
                    ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter(""));
        });
        return services;
    }

    /// <summary>
    /// Routing answers "/account/login/", "/ACCOUNT/Login" and "/Account//Login" like "/Account/Login": the limiter must
    /// see them as the same form, or a guesser just varies the spelling.
    /// </summary>
    public static bool IsSignInPath(PathString path)
    {
        var segments = (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var normalised = "/" + string.Join('/', segments);
        return SignInPaths.Any(p => normalised.Equals(p, StringComparison.OrdinalIgnoreCase));
    }
}
