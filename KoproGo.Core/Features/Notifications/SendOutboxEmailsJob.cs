using KoproGo.Core.Common;
using KoproGo.Core.Features.Files;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
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
/// Recurring job (every minute): sends due outbox mails. Rows are claimed with FOR UPDATE SKIP LOCKED, so the
/// Hangfire servers of several instances never send the same mail twice at once; a failure only reschedules the row.
/// </summary>
public sealed class SendOutboxEmailsJob(IKoproGoDbFactory dbFactory, IEmailTransport transport, IFileStore files, TimeProvider clock, ILogger<SendOutboxEmailsJob> logger)
{
    public const int BatchSize = 50;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        if (!transport.IsConfigured)
            return 0;
        var sent = 0;
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var due = await db.OutboxEmails
            .FromSqlInterpolated($"SELECT * FROM outbox_emails WHERE sent_at IS NULL AND next_attempt_at <= {now} ORDER BY created_at LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
            .ToListAsync(ct);
        foreach (var mail in due)
        {
            try
            {
                await transport.SendAsync(await ToMimeAsync(db, mail, ct), ct);
                mail.MarkSent(clock.GetUtcNow());
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Outbox mail {Id} to {To} failed (attempt {Attempt})", mail.Id, mail.ToAddress, mail.Attempts + 1);
                mail.MarkFailed(e.Message, clock.GetUtcNow());
            }
            // commit each outcome at once: a crash later in the batch must not resend what already went out
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return sent;
    }

    private async Task<MimeMessage> ToMimeAsync(IKoproGoDb db, OutboxEmail mail, CancellationToken ct)
    {
        var message = new MimeMessage { Subject = mail.Subject };
        message.To.Add(new MailboxAddress(mail.ToName, mail.ToAddress));
        var body = new BodyBuilder { TextBody = mail.TextBody };
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
public sealed class PurgeDeliveredMailsJob(IKoproGoDbFactory dbFactory, TimeProvider clock, AppOptions options)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().AddDays(-options.OutboxRetentionDays);
        await using var db = await dbFactory.CreateAsync(ct);
        return await db.OutboxEmails.Where(m => m.SentAt != null && m.SentAt < cutoff).ExecuteDeleteAsync(ct);
    }
}
