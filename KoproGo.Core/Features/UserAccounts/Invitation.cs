
namespace KoproGo.Core.Features.UserAccounts;

/// <summary>
/// A syndic's invitation of an owner to the platform. Only the SHA-256 of the token is stored: the link in the
/// email is the only copy of the secret.
/// </summary>
public sealed class Invitation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    private Invitation() { }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid OwnerId { get; private set; }
    public string Email { get; private set; } = "";
    public string TokenHash { get; private set; } = "";
    public string InvitedByUserId { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public static (Invitation Invitation, string Token) Create(Guid organisationId, Guid ownerId, string email, string invitedBy, DateTimeOffset now)
    {
        var token = SecretToken.New();
        var invitation = new Invitation
        {
            Id = Guid.CreateVersion7(),
            OrganisationId = organisationId,
            OwnerId = ownerId,
            Email = email.Trim().ToLowerInvariant(),
            TokenHash = Hash(token),
            InvitedByUserId = invitedBy,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        return (invitation, token);
    }

    public static string Hash(string token) => SecretToken.Hash(token);

    public bool IsOpen(DateTimeOffset now) => AcceptedAt is null && RevokedAt is null && now < ExpiresAt;

    public void Accept(DateTimeOffset now)
    {
        if (!IsOpen(now))
            throw new BusinessRuleException(new Error("error.invitation_invalid"));
        AcceptedAt = now;
    }

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;
}
