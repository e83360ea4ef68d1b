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

    public const char ArgSeparator = '\u001f';

    public static Notification Create(string userId, Guid? organisationId, NotificationType type, string textKey, IEnumerable<string> args, string? link, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        UserId = userId,
        OrganisationId = organisationId,
        Type = type,
        TextKey = textKey,
        TextArgs = string.Join(ArgSeparator, args),
        Link = link,
        CreatedAt = now,
    };

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

/// <summary>
/// A mail waiting to be sent (transactional outbox): written in the same transaction as the change that causes it,
/// sent by the OutboxSender job. If SMTP is down the row stays and is retried with back-off: nothing is lost.
/// </summary>
public sealed class OutboxEmail
{
    public const int MaxAttempts = 10;

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

    public static OutboxEmail Queue(string toAddress, string toName, string subject, string textBody, Guid? organisationId, DateTimeOffset now, Guid? attachmentFileId = null) => new()
    {
        Id = Guid.CreateVersion7(),
        ToAddress = toAddress,
        ToName = toName,
        Subject = subject,
        TextBody = textBody,
        OrganisationId = organisationId,
        AttachmentFileId = attachmentFileId,
        CreatedAt = now,
        NextAttemptAt = now,
    };

    public void MarkSent(DateTimeOffset now)
    {
        SentAt = now;
        Attempts++;
        LastError = null;
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
