using System.Security.Claims;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace KoproGo.Web.Security;

public static class Policies
{
    public const string SuperAdmin = "SuperAdmin";
    public const string SuperAdminClaim = "koprogo:superadmin";
}

/// <summary>Puts the display name and the SuperAdmin flag in the cookie, so the layout and the job dashboard need no query.</summary>
public sealed class KoproGoClaimsFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimTypes.GivenName, user.DisplayName));
        if (user.IsSuperAdmin)
            identity.AddClaim(new Claim(Policies.SuperAdminClaim, "true"));
        return identity;
    }
}

/// <summary>
/// Re-checks the security stamp of a circuit's user every minute (Security:RevalidateSeconds, default 60): a changed
/// password, 2FA change, erased or disabled account ends the circuit's authentication within 60 s (the template's
/// default is 30 minutes). The page then shows the sign-in screen.
/// </summary>
public sealed class RevalidatingAuthStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<IdentityOptions> options, IConfiguration config)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval { get; } = TimeSpan.FromSeconds(Math.Clamp(config.GetValue("Security:RevalidateSeconds", 60), 1, 60));

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (SessionCookie.IsPastMaxLifetime(state.User, SessionCookie.MaxLifetime(config)))
            return false;      // the circuit ends when the cookie would have: at the absolute session limit
        var user = await users.GetUserAsync(state.User);
        if (user is null || user.ErasedAt is not null)
            return false;
        if (!users.SupportsUserSecurityStamp)
            return true;
        var principalStamp = state.User.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return principalStamp == await users.GetSecurityStampAsync(user);
    }
}

/// <summary>
/// The acting user for Core services, from the cascading authentication state (HttpContext is null in interactive
/// code). IP and user agent are captured once, when the scope is created during the connection request, for the
/// audit log. For rendering, the actor is reused for 30 seconds within a scope (a request, or a circuit): the layout
/// and the page both ask for it on every render. A command always runs with <see cref="FreshAsync"/>: memberships read
/// at that moment, so a right revoked elsewhere is refused on the very next click of a page that was open before.
/// </summary>
public sealed class CurrentActor(AuthenticationStateProvider auth, IActorFactory actors, IHttpContextAccessor http, TimeProvider clock)
{
    private static readonly TimeSpan Reuse = TimeSpan.FromSeconds(30);
    private readonly string? _ip = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
    private readonly string? _userAgent = http.HttpContext?.Request.Headers.UserAgent.ToString();
    private (string UserId, Actor Actor, DateTimeOffset At)? _cached;

    public static readonly Actor Anonymous = new("anonymous", "anonymous", false, []);

    /// <summary>The signed-in user's actor, or an actor with no rights (never the System actor).</summary>
    public async Task<Actor> GetAsync(CancellationToken ct = default)
    {
        var state = await auth.GetAuthenticationStateAsync();
        var userId = state.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
            return Anonymous;
        var now = clock.GetUtcNow();
        if (_cached is { } c && c.UserId == userId && now - c.At < Reuse)
            return c.Actor;
        var actor = await actors.ForUserAsync(userId, _ip, _userAgent, ct) ?? Anonymous;
        _cached = (userId, actor, now);
        return actor;
    }

    /// <summary>The actor with the grants in the database now (two small queries), for a command.</summary>
    public async Task<Actor> FreshAsync(CancellationToken ct = default)
    {
        _cached = null;
        return await GetAsync(ct);
    }
}

/// <summary>
/// The Hangfire dashboard at /admin/jobs: a SuperAdmin who signed in with a second factor (Identity adds amr=mfa
/// after the code step); 401 when signed out, 403 for everyone else, including a SuperAdmin without 2FA.
/// </summary>
public sealed class SuperAdminDashboardFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return user.Identity?.IsAuthenticated == true && user.HasClaim(Policies.SuperAdminClaim, "true") && user.HasClaim("amr", "mfa");
    }
}

public static class HttpActor
{
    private static readonly object Key = new();

    /// <summary>The actor of a plain HTTP request (downloads, static SSR pages), from the cookie principal; built once per request.</summary>
    public static async Task<Actor> ActorAsync(this HttpContext http, IActorFactory actors, CancellationToken ct)
    {
        if (http.Items.TryGetValue(Key, out var cached) && cached is Actor known)
            return known;
        var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var actor = userId is null
            ? CurrentActor.Anonymous
            : await actors.ForUserAsync(userId, http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString(), ct) ?? CurrentActor.Anonymous;
        http.Items[Key] = actor;
        return actor;
    }
}

/// <summary>
/// Downloads pass the same gate as pages (<see cref="AccountGate"/>): legal texts accepted and required 2FA set up, else
/// the browser is sent to the page that does it. Without it, a file link would be a way around the gate.
/// </summary>
public sealed class AccountGateFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var actor = await http.ActorAsync(http.RequestServices.GetRequiredService<IActorFactory>(), http.RequestAborted);
        var gate = http.RequestServices.GetRequiredService<AccountGate>();
        if (await gate.RedirectAsync(actor, http.Request.Path.Value?.TrimStart('/') ?? "", http.RequestAborted) is { } target)
            return Results.LocalRedirect(target);
        return await next(context);
    }
}
