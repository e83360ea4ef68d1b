using KoproGo.Core.Features.Privacy;
using KoproGo.Core.Features.Security;

namespace KoproGo.Web.Security;

/// <summary>
/// What a signed-in user must do before anything else, checked by the layout on every navigation: accept the legal
/// texts in force (GDPR consent record), then turn on 2FA if their organisation requires it. Pages needed to do so
/// (and the texts themselves) stay reachable.
/// </summary>
public sealed class AccountGate(IPrivacyService privacy, ITwoFactorService twoFactor)
{
    public const string ConsentPath = "account/consent", SecurityPath = "account/security";
    private static readonly string[] AlwaysOpen = [ConsentPath, SecurityPath, "privacy", "terms"];
    // accepted once in this scope (a circuit, or a request): no more queries for it
    private bool _consentAccepted;

    /// <summary>The page to send the user to, or null when they may go on.</summary>
    public async Task<string?> RedirectAsync(Actor actor, string relativePath, CancellationToken ct)
    {
        if (actor.UserId is null || actor == CurrentActor.Anonymous || AlwaysOpen.Any(p => relativePath.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            return null;
        if (!_consentAccepted)
        {
            if (await privacy.ConsentDueAsync(actor, ct))
                return "/" + ConsentPath;
            _consentAccepted = true;
        }
        return await twoFactor.MustEnableAsync(actor, ct) ? "/" + SecurityPath : null;
    }
}
