using System.Text;
using Microsoft.AspNetCore.Identity;

namespace KoproGo.Core.Features.UserAccounts;

public interface IPasswordResetMailer
{
    /// <summary>Queues a "reset your password" mail in the user's language (through the outbox).</summary>
    Task SendAsync(AppUser user, CancellationToken ct);
}

public sealed class PasswordResetMailer(IKoproGoDbFactory dbFactory, UserManager<AppUser> users, TimeProvider clock, AppOptions app) : IPasswordResetMailer
{
    public async Task SendAsync(AppUser user, CancellationToken ct)
    {
        var token = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        var link = app.Link($"/Account/ResetPassword?email={Uri.EscapeDataString(user.Email ?? "")}&code={token}");
        await using var db = await dbFactory.CreateAsync(ct);
        db.OutboxEmails.Add(OutboxEmail.Queue(new MailTo(user.Email!, user.DisplayName, user.Id),
            Texts.Get("mail.reset.subject", user.PreferredLanguage),
            Texts.Get("mail.reset.body", user.PreferredLanguage, user.DisplayName, link), null, clock.GetUtcNow(), containsSecret: true));
        db.Audit(new Actor(user.Id, user.DisplayName, false, []), clock, "account.reset_requested", "User", user.Id);
        await db.SaveChangesAsync(ct);
    }
}
