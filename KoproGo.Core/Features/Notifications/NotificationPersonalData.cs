using KoproGo.Core.Common;
using KoproGo.Core.Features.Privacy;
using Microsoft.EntityFrameworkCore;

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
        var email = subject.Email.ToLowerInvariant();
        var mails = await db.OutboxEmails.AsNoTracking().Where(m => m.ToAddress.ToLower() == email).OrderBy(m => m.CreatedAt)
            .Select(m => new { m.ToAddress, m.Subject, m.TextBody, m.CreatedAt, m.SentAt }).ToListAsync(ct);
        return new
        {
            InApp = notifications.Select(n => new { Text = n.TextKey, n.Args, n.Link, n.CreatedAt, n.ReadAt }),
            Preferences = preferences,
            Emails = mails,
        };
    }

    public Task<IReadOnlyList<ErasureBlocker>> BlockersAsync(IKoproGoDb db, DataSubject subject, DateOnly today, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ErasureBlocker>>([]);

    public async Task AnonymiseAsync(IKoproGoDb db, DataSubject subject, string pseudonym, DateTimeOffset now, CancellationToken ct)
    {
        await db.Notifications.Where(n => n.UserId == subject.UserId).ExecuteDeleteAsync(ct);
        await db.NotificationPreferences.Where(p => p.UserId == subject.UserId).ExecuteDeleteAsync(ct);
        var emails = subject.Identifiers.Where(i => i.Contains('@', StringComparison.Ordinal)).Select(e => e.ToLowerInvariant()).ToList();
        // mails stay as the record that something was sent (a reminder, a convocation), without saying to whom
        await db.OutboxEmails.Where(m => emails.Contains(m.ToAddress.ToLower()))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ToAddress, $"{pseudonym.ToLowerInvariant()}@erased.invalid").SetProperty(m => m.ToName, pseudonym), ct);
        if (subject.IdentifierPattern() is { } pattern)
        {
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE notifications SET text_args = regexp_replace(text_args, {pattern}, {pseudonym}, 'gi') WHERE text_args ~* {pattern}", ct);
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"""
                UPDATE outbox_emails SET subject = regexp_replace(subject, {pattern}, {pseudonym}, 'gi'),
                                         text_body = regexp_replace(text_body, {pattern}, {pseudonym}, 'gi'),
                                         to_name = regexp_replace(to_name, {pattern}, {pseudonym}, 'gi')
                 WHERE subject ~* {pattern} OR text_body ~* {pattern} OR to_name ~* {pattern}
                """, ct);
        }
    }
}
