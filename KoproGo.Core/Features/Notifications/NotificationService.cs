using KoproGo.Core.Features.UserAccounts;

namespace KoproGo.Core.Features.Notifications;

/// <summary>An outbox mail as the SuperAdmin's outbox page shows it: secret links removed, delivery state and back-off.</summary>
public sealed record OutboxRow(Guid Id, string ToAddress, string Subject, string Body, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, int Attempts,
    DateTimeOffset NextAttemptAt, string? LastError);

public sealed record NotificationRow(Guid Id, NotificationType Type, string TextKey, string[] Args, string? Link, DateTimeOffset CreatedAt, bool IsRead);

public interface INotificationService
{
    /// <summary>
    /// Adds in-app notifications and outbox emails for the given users to <paramref name="db"/>'s unit of work
    /// (they commit with the change that caused them), honouring each user's preferences and language.
    /// </summary>
    /// <param name="about">The person the text names, when it names one (a commenter, a borrower): erasing them rewrites these rows.</param>
    Task NotifyUsersAsync(IKoproGoDb db, IReadOnlyCollection<string> userIds, Guid? organisationId, NotificationType type, string textKey, string[] args, string? link, CancellationToken ct, PersonRef about = default);
    Task NotifyOwnersAsync(IKoproGoDb db, IReadOnlyCollection<Guid> ownerIds, Guid organisationId, NotificationType type, string textKey, string[] args, string? link, CancellationToken ct, PersonRef about = default);
    Task NotifySyndicsAsync(IKoproGoDb db, Guid organisationId, NotificationType type, string textKey, string[] args, string? link, CancellationToken ct, PersonRef about = default);

    Task<Page<NotificationRow>> ListAsync(Actor actor, PageRequest request, CancellationToken ct);
    Task<int> UnreadCountAsync(Actor actor, CancellationToken ct);
    Task MarkReadAsync(Actor actor, Guid notificationId, CancellationToken ct);
    Task MarkAllReadAsync(Actor actor, CancellationToken ct);
    Task<IReadOnlyList<NotificationPreference>> PreferencesAsync(Actor actor, CancellationToken ct);
    /// <summary>The latest outbox mails, for the SuperAdmin's outbox page (where mails are read when no SMTP is set).</summary>
    Task<Result<IReadOnlyList<OutboxRow>>> OutboxAsync(Actor actor, int count, CancellationToken ct);
    Task<Result> SavePreferencesAsync(Actor actor, IReadOnlyList<NotificationPreference> preferences, CancellationToken ct);
}

public sealed class NotificationService(IKoproGoDbFactory dbFactory, TimeProvider clock, AppOptions app) : INotificationService
{
    public async Task NotifyUsersAsync(IKoproGoDb db, IReadOnlyCollection<string> userIds, Guid? organisationId, NotificationType type, string textKey, string[] args, string? link, CancellationToken ct, PersonRef about = default)
    {
        if (userIds.Count == 0)
            return;
        var now = clock.GetUtcNow();
        var nonEssential = type is NotificationType.Community or NotificationType.Marketing;
        var users = await db.Users.Where(u => userIds.Contains(u.Id) && u.ErasedAt == null)
            .Where(u => !nonEssential || u.ProcessingRestrictedAt == null)
            .Where(u => type != NotificationType.Marketing || u.MarketingObjectedAt == null)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.PreferredLanguage, u.EmailConfirmed })
            .ToListAsync(ct);
        var preferences = await db.NotificationPreferences.Where(p => userIds.Contains(p.UserId) && p.Type == type).ToListAsync(ct);
        foreach (var user in users)
        {
            var preference = preferences.FirstOrDefault(p => p.UserId == user.Id) ?? new NotificationPreference();
            if (preference.InApp)
                db.Notifications.Add(Notification.Create(user.Id, organisationId, type, textKey, args, link, now, about));
            if (preference.Email && user.Email is not null && user.EmailConfirmed)
            {
                var text = Texts.Get(textKey, user.PreferredLanguage, args.Cast<object?>().ToArray());
                var body = link is null ? text : $"{text}\n\n{app.Link(link)}";
                db.OutboxEmails.Add(OutboxEmail.Queue(new MailTo(user.Email, user.DisplayName, user.Id), $"KoproGo — {text}", body, organisationId, now, about: about));
            }
        }
    }

    public async Task NotifyOwnersAsync(IKoproGoDb db, IReadOnlyCollection<Guid> ownerIds, Guid organisationId, NotificationType type, string textKey, string[] args, string? link, CancellationToken ct, PersonRef about = default)
    {
        var userIds = await db.Owners.Where(o => ownerIds.Contains(o.Id) && o.UserId != null).Select(o => o.UserId!).Distinct().ToListAsync(ct);
        await NotifyUsersAsync(db, userIds, organisationId, type, textKey, args, link, ct, about);
    }

    public async Task NotifySyndicsAsync(IKoproGoDb db, Guid organisationId, NotificationType type, string textKey, string[] args, string? link, CancellationToken ct, PersonRef about = default)
    {
        var userIds = await db.Memberships.Where(m => m.OrganisationId == organisationId && m.Role == Role.Syndic).Select(m => m.UserId).Distinct().ToListAsync(ct);
        await NotifyUsersAsync(db, userIds, organisationId, type, textKey, args, link, ct, about);
    }

    public async Task<Page<NotificationRow>> ListAsync(Actor actor, PageRequest request, CancellationToken ct)
    {
        if (actor.UserId is null)
            return new Page<NotificationRow>([], 0);
        await using var db = await dbFactory.CreateAsync(ct);
        var query = db.Notifications.AsNoTracking().Where(n => n.UserId == actor.UserId);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(n => n.CreatedAt).Skip(request.Skip).Take(request.Size).ToListAsync(ct);
        return new Page<NotificationRow>(rows.Select(n => new NotificationRow(n.Id, n.Type, n.TextKey, n.Args, n.Link, n.CreatedAt, n.ReadAt is not null)).ToList(), total);
    }

    public async Task<int> UnreadCountAsync(Actor actor, CancellationToken ct)
    {
        if (actor.UserId is null)
            return 0;
        await using var db = await dbFactory.CreateAsync(ct);
        return await db.Notifications.CountAsync(n => n.UserId == actor.UserId && n.ReadAt == null, ct);
    }

    public async Task MarkReadAsync(Actor actor, Guid notificationId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var now = clock.GetUtcNow();
        // scoped to the actor's own rows: another user's id simply matches nothing
        await db.Notifications.Where(n => n.Id == notificationId && n.UserId == actor.UserId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }

    public async Task MarkAllReadAsync(Actor actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var now = clock.GetUtcNow();
        await db.Notifications.Where(n => n.UserId == actor.UserId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }

    public async Task<IReadOnlyList<NotificationPreference>> PreferencesAsync(Actor actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var saved = await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == actor.UserId).ToListAsync(ct);
        return Enum.GetValues<NotificationType>()
            .Select(t => saved.FirstOrDefault(p => p.Type == t) ?? new NotificationPreference { UserId = actor.UserId ?? "", Type = t })
            .ToList();
    }

    public async Task<Result<IReadOnlyList<OutboxRow>>> OutboxAsync(Actor actor, int count, CancellationToken ct)
    {
        if (!actor.IsSuperAdmin || actor.IsSystem)
            return Errors.ForbiddenError;
        await using var db = await dbFactory.CreateAsync(ct);
        var mails = await db.OutboxEmails.AsNoTracking().OrderByDescending(m => m.CreatedAt).Take(Math.Clamp(count, 1, 500)).ToListAsync(ct);
        return mails.Select(m => new OutboxRow(m.Id, m.ToAddress, m.Subject, m.ShownBody, m.CreatedAt, m.SentAt, m.Attempts, m.NextAttemptAt, m.LastError)).ToList();
    }

    public async Task<Result> SavePreferencesAsync(Actor actor, IReadOnlyList<NotificationPreference> preferences, CancellationToken ct)
    {
        if (actor.UserId is null)
            return Errors.ForbiddenError;
        if (preferences.Any(p => !Enum.IsDefined(p.Type)) || preferences.GroupBy(p => p.Type).Any(g => g.Count() > 1))
            return new Error(Errors.Required);
        await using var db = await dbFactory.CreateAsync(ct);
        var saved = await db.NotificationPreferences.Where(p => p.UserId == actor.UserId).ToListAsync(ct);
        foreach (var p in preferences)
        {
            var row = saved.FirstOrDefault(s => s.Type == p.Type);
            if (row is null)
                db.NotificationPreferences.Add(row = new NotificationPreference { UserId = actor.UserId, Type = p.Type });
            row.InApp = p.InApp;
            row.Email = p.Email;
        }
        db.Audit(actor, clock, "notifications.preferences", "User", actor.UserId);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
