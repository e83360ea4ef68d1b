namespace KoproGo.Core.Features.Notifications;

/// <summary>
/// Kinds of notification a user can tune (in-app and/or email) on their preferences page. Community and Marketing are
/// non-essential: a user who restricted processing (GDPR Art. 18) gets neither, one who objected to marketing
/// (Art. 21) gets no Marketing.
/// </summary>
public enum NotificationType { InvitationAccepted, OwnershipChanged, DocumentAdded, System, Community, Marketing, CallForFunds, Budget }

/// <summary>
/// An in-app notification. The text is stored as a resource key plus arguments and rendered in the reader's
/// current language, so switching language also switches old notifications.
/// </summary>
public sealed class Notification
{
    private Notification() { }

    public Guid Id { get; private set; }
    public string UserId { get; private set; } = "";
    public Guid? OrganisationId { get; private set; }
    public NotificationType Type { get; private set; }
    public string TextKey { get; private set; } = "";
    /// <summary>Arguments of the text, separated by U+001F (unit separator), never shown raw.</summary>
    public string TextArgs { get; private set; } = "";
    public string? Link { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ReadAt { get; private set; }
    /// <summary>The person the text names (a commenter, a borrower, an admin): how an erasure finds it without searching text.</summary>
    public string? AboutUserId { get; private set; }
    public Guid? AboutOwnerId { get; private set; }

    public const char ArgSeparator = '\u001f';

    public static Notification Create(string userId, Guid? organisationId, NotificationType type, string textKey, IEnumerable<string> args, string? link, DateTimeOffset now,
        PersonRef about = default) => new()
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            OrganisationId = organisationId,
            Type = type,
            TextKey = textKey,
            TextArgs = string.Join(ArgSeparator, args),
            Link = link,
            CreatedAt = now,
            AboutUserId = about.UserId,
            AboutOwnerId = about.OwnerId,
        };

    /// <summary>GDPR erasure of the person it is about: their names inside its arguments become the pseudonym.</summary>
    public void ReplaceArgs(IReadOnlyList<string> values, string pseudonym) =>
        TextArgs = string.Join(ArgSeparator, Args.Select(a => values.Aggregate(a, (text, v) => text.Replace(v, pseudonym, StringComparison.OrdinalIgnoreCase))));

    public string[] Args => TextArgs.Length == 0 ? [] : TextArgs.Split(ArgSeparator);

    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;
}

/// <summary>A user's choice for one type; no row means both channels on.</summary>
public sealed class NotificationPreference
{
    public string UserId { get; set; } = "";
    public NotificationType Type { get; set; }
    public bool InApp { get; set; } = true;
    public bool Email { get; set; } = true;
}

/// <summary>A person a row points to: the user account and/or the owner record (either may be unknown).</summary>
public readonly record struct PersonRef(string? UserId, Guid? OwnerId)
{
    public static PersonRef User(string? userId) => new(userId, null);
    public static PersonRef Owner(Guid ownerId) => new(null, ownerId);
}

/// <summary>Who a mail goes to: the address, and the account or owner record it was written for (the GDPR export and erasure follow these, not the address).</summary>
public readonly record struct MailTo(string Address, string Name, string? UserId = null, Guid? OwnerId = null);

/// <summary>
/// A mail waiting to be sent (transactional outbox): written in the same transaction as the change that causes it,
/// sent by the OutboxSender job. If SMTP is down the row stays and is retried with back-off: nothing is lost.
/// A mail that carries a secret link (invitation, password, email confirmation) is shown nowhere with it (outbox page,
/// GDPR export), and the link is removed from the stored body once the mail has gone.
/// </summary>
public sealed partial class OutboxEmail
{
    public const int MaxAttempts = 10;
    /// <summary>What replaces a link with a token when a mail is shown or kept after delivery.</summary>
    public const string RedactedLink = "[…]";

    private OutboxEmail() { }

    public Guid Id { get; private set; }
    public string ToAddress { get; private set; } = "";
    public string ToName { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string TextBody { get; private set; } = "";
    public Guid? AttachmentFileId { get; private set; }
    public Guid? OrganisationId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }
    /// <summary>The account the mail was written for, if any: the GDPR export lists a person's mails by this, never by address.</summary>
    public string? RecipientUserId { get; private set; }
    /// <summary>The owner record the mail was written for (a call, a reminder), if any.</summary>
    public Guid? RecipientOwnerId { get; private set; }
    /// <summary>The body holds a link with a token (invitation, password, email confirmation).</summary>
    public bool ContainsSecret { get; private set; }
    /// <summary>The person the text names, when it is not the recipient (see <see cref="Notification.AboutUserId"/>).</summary>
    public string? AboutUserId { get; private set; }
    public Guid? AboutOwnerId { get; private set; }

    public static OutboxEmail Queue(MailTo to, string subject, string textBody, Guid? organisationId, DateTimeOffset now,
        Guid? attachmentFileId = null, bool containsSecret = false, PersonRef about = default) => new()
        {
            Id = Guid.CreateVersion7(),
            ToAddress = to.Address,
            ToName = to.Name,
            RecipientUserId = to.UserId,
            RecipientOwnerId = to.OwnerId,
            Subject = subject,
            TextBody = textBody,
            OrganisationId = organisationId,
            AttachmentFileId = attachmentFileId,
            ContainsSecret = containsSecret,
            AboutUserId = about.UserId,
            AboutOwnerId = about.OwnerId,
            CreatedAt = now,
            NextAttemptAt = now,
        };

    /// <summary>The body as anyone but the mail server may see it: links that carry a token replaced.</summary>
    public string ShownBody => ContainsSecret ? Redact(TextBody) : TextBody;

    public static string Redact(string text) => SecretLink().Replace(text, RedactedLink);

    // a URL with a token-bearing query parameter, up to the next white space
    [System.Text.RegularExpressions.GeneratedRegex(@"https?://\S*[?&](token|code)=\S*", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex SecretLink();

    public void MarkSent(DateTimeOffset now)
    {
        SentAt = now;
        Attempts++;
        LastError = null;
        // the secret was for the mailbox only: once delivered, the stored copy no longer carries it
        if (ContainsSecret)
            TextBody = Redact(TextBody);
    }

    /// <summary>GDPR erasure of the person the mail was for or names: address, name and their names in the text become the pseudonym.</summary>
    public void Anonymise(IReadOnlyCollection<string> values, string pseudonym, bool recipient)
    {
        if (recipient)
        {
            ToAddress = $"{pseudonym.ToLowerInvariant()}@erased.invalid";
            ToName = pseudonym;
        }
        foreach (var value in values.Where(v => v.Length > 0).OrderByDescending(v => v.Length))
        {
            Subject = Subject.Replace(value, pseudonym, StringComparison.OrdinalIgnoreCase);
            TextBody = TextBody.Replace(value, pseudonym, StringComparison.OrdinalIgnoreCase);
            ToName = ToName.Replace(value, pseudonym, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>Exponential back-off: 1, 2, 4 … minutes, capped at 6 hours; after MaxAttempts it waits for a human.</summary>
    public void MarkFailed(string error, DateTimeOffset now)
    {
        Attempts++;
        LastError = error.Length > 1000 ? error[..1000] : error;
        var minutes = Math.Min(360, Math.Pow(2, Attempts - 1));
        NextAttemptAt = Attempts >= MaxAttempts ? DateTimeOffset.MaxValue : now.AddMinutes(minutes);
    }
}
