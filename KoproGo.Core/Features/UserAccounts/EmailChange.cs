
namespace KoproGo.Core.Features.UserAccounts;

/// <summary>
/// A requested change of a user's email (their sign-in name), by themselves or an administrator. Nothing changes until
/// the link sent to the new address is followed: that proves the requester holds the mailbox (without it, anyone could
/// take an address that is about to receive an invitation). Single use, 24 hours, only the token's hash stored.
/// </summary>
public sealed class EmailChange
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private EmailChange() { }

    public Guid Id { get; private set; }
    public string UserId { get; private set; } = "";
    public string NewEmail { get; private set; } = "";
    public string TokenHash { get; private set; } = "";
    public string RequestedByUserId { get; private set; } = "";
    public DateTimeOffset RequestedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? ConfirmedAt { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }

    public static (EmailChange Change, string Token) Request(string userId, string newEmail, string requestedBy, DateTimeOffset now)
    {
        var token = SecretToken.New();
        return (new EmailChange
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            NewEmail = newEmail.Trim().ToLowerInvariant(),
            TokenHash = SecretToken.Hash(token),
            RequestedByUserId = requestedBy,
            RequestedAt = now,
            ExpiresAt = now + Lifetime,
        }, token);
    }

    public bool IsOpen(DateTimeOffset now) => ConfirmedAt is null && CancelledAt is null && now < ExpiresAt;

    public void Confirm(DateTimeOffset now)
    {
        if (!IsOpen(now))
            throw new BusinessRuleException(new Error("error.email_change_invalid"));
        ConfirmedAt = now;
    }

    public void Cancel(DateTimeOffset now) => CancelledAt ??= now;
}
