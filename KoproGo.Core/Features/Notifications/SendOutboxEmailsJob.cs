using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace KoproGo.Core.Features.Notifications;

/// <summary>SMTP settings (section "Smtp"). No Host = no sending: mails wait in the outbox (the dev outbox page shows them).</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTlsWhenAvailable;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string FromAddress { get; set; } = "noreply@koprogo.be";
    public string FromName { get; set; } = "KoproGo";
}

public interface IEmailTransport
{
    bool IsConfigured { get; }
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

/// <summary>MailKit over SMTP, one connection per batch would be nicer; one per mail keeps failures independent.</summary>
public sealed class SmtpEmailTransport(SmtpOptions options) : IEmailTransport
{
    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Host);

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        message.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        using var client = new MailKit.Net.Smtp.SmtpClient { Timeout = 30_000 };
        await client.ConnectAsync(options.Host!, options.Port, options.Security, ct);
        if (!string.IsNullOrEmpty(options.UserName))
            await client.AuthenticateAsync(options.UserName, options.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}

/// <summary>
/// Recurring job (every minute): sends due outbox mails, batch after batch for up to <see cref="RunBudget"/>.
/// Each batch is claimed in one committed statement that moves the rows' next attempt past a lease (FOR UPDATE SKIP
/// LOCKED inside it): the Hangfire servers of several instances never take the same mail, and no transaction stays
/// open while SMTP talks. Each outcome is written at once, retried while the database is away (a restart), so a mail
/// that went out is marked sent, never sent again; only if this process dies between SMTP's "250 OK" and that write
/// does the mail go again after the lease, with the same Message-Id. A failure reschedules the row with back-off.
/// </summary>
[RecurringJob("outbox-send", "* * * * *")]
public sealed class SendOutboxEmailsJob(IKoproGoDbFactory dbFactory, IEmailTransport transport, IFileStore files, TimeProvider clock, ILogger<SendOutboxEmailsJob> logger)
{
    public const int BatchSize = 50;
    /// <summary>A claimed mail not written back by then (its sender died) is due again.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(5);
    /// <summary>Below the one-minute schedule: the next run starts where this one stopped.</summary>
    public static readonly TimeSpan RunBudget = TimeSpan.FromSeconds(45);
    /// <summary>How long an outcome waits for the database to come back before it gives up (the lease then decides).</summary>
    public static readonly TimeSpan WriteBackPatience = TimeSpan.FromMinutes(2);

    public async Task<int> RunAsync(CancellationToken ct)
    {
        if (!transport.IsConfigured)
            return 0;
        var sent = 0;
        var started = clock.GetTimestamp();
        while (true)
        {
            var batch = await ClaimAsync(ct);
            foreach (var mail in batch)
            {
                Action<OutboxEmail> outcome;
                try
                {
                    await transport.SendAsync(await ToMimeAsync(mail, ct), ct);
                    outcome = m => m.MarkSent(clock.GetUtcNow());
                    sent++;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Outbox mail {Id} to {To} failed (attempt {Attempt})", mail.Id, mail.ToAddress, mail.Attempts + 1);
                    outcome = m => m.MarkFailed(e.Message, clock.GetUtcNow());
                }
                await WriteBackAsync(mail.Id, outcome, ct);
            }
            if (batch.Count < BatchSize || clock.GetElapsedTime(started) > RunBudget)
                return sent;
        }
    }

    private async Task<List<OutboxEmail>> ClaimAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var now = clock.GetUtcNow();
        var lease = now + ClaimLease;
        return await db.OutboxEmails.FromSqlInterpolated($"""
            UPDATE outbox_emails SET next_attempt_at = {lease}
             WHERE id IN (SELECT id FROM outbox_emails WHERE sent_at IS NULL AND next_attempt_at <= {now}
                           ORDER BY created_at LIMIT {BatchSize} FOR UPDATE SKIP LOCKED)
            RETURNING *
            """).AsNoTracking().ToListAsync(ct);
    }

    private async Task WriteBackAsync(Guid mailId, Action<OutboxEmail> outcome, CancellationToken ct)
    {
        var waited = clock.GetTimestamp();
        for (var delay = TimeSpan.FromMilliseconds(250); ; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks)))
        {
            try
            {
                await using var db = await dbFactory.CreateAsync(ct);
                var mail = await db.OutboxEmails.FirstAsync(m => m.Id == mailId, ct);
                outcome(mail);
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (Exception e) when (e.IsTransientDbFailure() && clock.GetElapsedTime(waited) < WriteBackPatience)
            {
                logger.LogWarning("Outbox mail {Id}: the database is away ({Error}); writing its outcome again in {Delay}", mailId, e.GetBaseException().Message, delay);
                await Task.Delay(delay, clock, ct);
            }
        }
    }

    private async Task<MimeMessage> ToMimeAsync(OutboxEmail mail, CancellationToken ct)
    {
        // the same id on every attempt: a mail sent again after a crash is recognisably the same mail
        var message = new MimeMessage { Subject = mail.Subject, MessageId = $"{mail.Id:N}@outbox.koprogo.be" };
        message.To.Add(new MailboxAddress(mail.ToName, mail.ToAddress));
        var body = new BodyBuilder { TextBody = mail.TextBody };
        await using var db = await dbFactory.CreateAsync(ct);
        if (mail.AttachmentFileId is { } fileId && await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId, ct) is { } file)
        {
            await using var stream = await files.OpenReadAsync(file.StorageKey, ct);
            await body.Attachments.AddAsync(file.FileName, stream, ContentType.Parse(file.ContentType), ct);
        }
        message.Body = body.ToMessageBody();
        return message;
    }
}

/// <summary>
/// Daily job: deletes delivered mails older than App:OutboxRetentionDays (default 30). Mails that never went out stay
/// for a human to look at on the outbox page. Idempotent: a second run finds nothing more to delete.
/// </summary>
[RecurringJob("outbox-retention", "10 3 * * *")]
public sealed class PurgeDeliveredMailsJob(IKoproGoDbFactory dbFactory, TimeProvider clock, AppOptions options)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().AddDays(-options.OutboxRetentionDays);
        await using var db = await dbFactory.CreateAsync(ct);
        return await db.OutboxEmails.Where(m => m.SentAt != null && m.SentAt < cutoff).ExecuteDeleteAsync(ct);
    }
}
