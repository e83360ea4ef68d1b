namespace KoproGo.Core.Features.Notifications;

/// <summary>The person's notifications, preferences and the mails sent to them; erasure also scrubs their name from what others were told.</summary>
public sealed class NotificationPersonalData : IPersonalDataContributor
{
    public string Section => "notifications";

    public async Task<object?> ExportAsync(IKoproGoDb db, DataSubject subject, CancellationToken ct)
    {
        var notifications = await db.Notifications.AsNoTracking().Where(n => n.UserId == subject.UserId).OrderBy(n => n.CreatedAt).ToListAsync(ct);
        var preferences = await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == subject.UserId)
            .Select(p => new { Type = p.Type.ToString(), p.InApp, p.Email }).ToListAsync(ct);
        // the mails written for this account or its owner records, never "whatever reached this address": an address
        // can change hands, and the mails it received before belong to whoever held it then
        var owners = subject.OwnerIds.ToList();
        var mails = await db.OutboxEmails.AsNoTracking()
            .Where(m => m.RecipientUserId == subject.UserId || (m.RecipientOwnerId != null && owners.Contains(m.RecipientOwnerId.Value)))
            .OrderBy(m => m.CreatedAt).ToListAsync(ct);
        return new
        {
            InApp = notifications.Select(n => new { Text = n.TextKey, n.Args, n.Link, n.CreatedAt, n.ReadAt }),
            Preferences = preferences,
            // links with a token (invitation, password, confirmation) are never exported: they would still work
            Emails = mails.Select(m => new { m.ToAddress, m.Subject, TextBody = m.ShownBody, m.CreatedAt, m.SentAt }),
        };
    }

    public Task<IReadOnlyList<ErasureBlocker>> BlockersAsync(IKoproGoDb db, DataSubject subject, DateOnly today, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ErasureBlocker>>([]);

    public async Task AnonymiseAsync(IKoproGoDb db, DataSubject subject, string pseudonym, DateTimeOffset now, CancellationToken ct)
    {
        await db.Notifications.Where(n => n.UserId == subject.UserId).ExecuteDeleteAsync(ct);
        await db.NotificationPreferences.Where(p => p.UserId == subject.UserId).ExecuteDeleteAsync(ct);
        var owners = subject.OwnerIds.ToList();
        var values = subject.ValuesToReplace;
        // what others were told about the person (a comment, a loan): their names in those rows only
        foreach (var n in await db.Notifications.Where(n => n.AboutUserId == subject.UserId || (n.AboutOwnerId != null && owners.Contains(n.AboutOwnerId.Value))).ToListAsync(ct))
            n.ReplaceArgs(values, pseudonym);
        // mails stay as the record that something was sent (a reminder, a convocation), without saying to whom; mails
        // from before recipients were recorded are found by the person's exact addresses
        var emails = subject.Identifiers.Where(i => i.Contains('@', StringComparison.Ordinal)).Select(e => e.ToLowerInvariant()).ToList();
        var mails = await db.OutboxEmails.Where(m => m.RecipientUserId == subject.UserId
                                                      || (m.RecipientOwnerId != null && owners.Contains(m.RecipientOwnerId.Value))
                                                      || (m.RecipientUserId == null && m.RecipientOwnerId == null && emails.Contains(m.ToAddress.ToLower()))
                                                      || m.AboutUserId == subject.UserId
                                                      || (m.AboutOwnerId != null && owners.Contains(m.AboutOwnerId.Value))).ToListAsync(ct);
        foreach (var mail in mails)
        {
            var recipient = mail.RecipientUserId == subject.UserId || (mail.RecipientOwnerId is { } o && owners.Contains(o))
                            || (mail.RecipientUserId is null && mail.RecipientOwnerId is null && emails.Contains(mail.ToAddress.ToLowerInvariant()));
            mail.Anonymise(values, pseudonym, recipient);
        }
    }
}
