namespace KoproGo.Core.Features.Notices;

public sealed record NoticeRow(Guid Id, NoticeCategory Category, string Title, string AuthorName, NoticeStatus Status, DateTimeOffset CreatedAt, decimal? Price,
    DateTimeOffset? EventAt, string? Place, bool AllBuildings, IReadOnlyList<Guid> PhotoFileIds, int Comments, bool Mine);

public sealed record CommentRow(Guid Id, Guid? ParentId, string AuthorName, string Body, DateTimeOffset CreatedAt, bool Edited, bool Removed, string? RemovedReason, bool Mine);

public sealed record NoticeDetail(NoticeRow Notice, Guid BuildingId, string Body, DateTimeOffset? ExpiresAt, IReadOnlyList<CommentRow> Comments, bool CanEdit, bool CanModerate);

public interface INoticeService
{
    /// <summary>What the building's board shows: published notices of the building and of the whole organisation, one's own drafts, everything for the syndic.</summary>
    Task<Result<IReadOnlyList<NoticeRow>>> ListAsync(Actor actor, Guid buildingId, CancellationToken ct);
    Task<Result<NoticeDetail>> GetAsync(Actor actor, Guid buildingId, Guid noticeId, CancellationToken ct);
    Task<Result<Guid>> SaveAsync(Actor actor, Guid buildingId, Guid? noticeId, NoticeInput input, CancellationToken ct);
    Task<Result> PublishAsync(Actor actor, Guid noticeId, CancellationToken ct);
    Task<Result> ArchiveAsync(Actor actor, Guid noticeId, CancellationToken ct);
    Task<Result<Guid>> CommentAsync(Actor actor, Guid buildingId, Guid noticeId, Guid? parentId, string? body, CancellationToken ct);
    Task<Result> EditCommentAsync(Actor actor, Guid commentId, string? body, CancellationToken ct);
    /// <summary>The author deletes their comment; the syndic removes anyone's with a reason, sent to its author.</summary>
    Task<Result> RemoveCommentAsync(Actor actor, Guid commentId, string? reason, CancellationToken ct);
}

public sealed class NoticeService(IKoproGoDbFactory dbFactory, INotificationService notifications, TimeProvider clock) : INoticeService
{
    private async Task<Building?> BuildingAsync(IKoproGoDb db, Actor actor, Guid buildingId, CancellationToken ct) =>
        await db.ReadableBuildings(actor, clock.Today()).AsNoTracking().FirstOrDefaultAsync(b => b.Id == buildingId, ct);

    /// <summary>The notices a reader of the building may see.</summary>
    /// <summary>A notice the actor may read in a building they may read; null, said as "not found", otherwise.</summary>
    private async Task<(Building Building, Notice Notice)?> VisibleNoticeAsync(IKoproGoDb db, Actor actor, Guid buildingId, Guid noticeId, CancellationToken ct)
    {
        if (await BuildingAsync(db, actor, buildingId, ct) is not { } building)
            return null;
        var notice = await Visible(db, actor, building).AsNoTracking().FirstOrDefaultAsync(n => n.Id == noticeId, ct);
        return notice is null ? null : (building, notice);
    }

    private static IQueryable<Notice> Visible(IKoproGoDb db, Actor actor, Building building)
    {
        var syndic = actor.CanManage(building.OrganisationId, building.Id);
        return db.Notices.Where(n => n.OrganisationId == building.OrganisationId && (n.BuildingId == building.Id || n.BuildingId == null)
                                     && (syndic || n.Status == NoticeStatus.Published || n.AuthorUserId == actor.UserId));
    }

    public async Task<Result<IReadOnlyList<NoticeRow>>> ListAsync(Actor actor, Guid buildingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        if (await BuildingAsync(db, actor, buildingId, ct) is not { } building)
            return Errors.NotFoundError;
        var rows = await Visible(db, actor, building).AsNoTracking().Where(n => n.Status != NoticeStatus.Archived || n.AuthorUserId == actor.UserId)
            .OrderByDescending(n => n.PublishedAt ?? n.CreatedAt)
            .Select(n => new { Notice = n, Comments = db.Set<NoticeComment>().Count(c => c.NoticeId == n.Id && c.RemovedAt == null) }).Take(200).ToListAsync(ct);
        return rows.Select(r => Row(r.Notice, r.Comments, actor)).ToList();
    }

    private static NoticeRow Row(Notice n, int comments, Actor actor) => new(n.Id, n.Category, n.Title, n.AuthorName, n.Status, n.PublishedAt ?? n.CreatedAt, n.Price,
        n.EventAt, n.Place, n.BuildingId is null, n.PhotoFileIds, comments, n.AuthorUserId is not null && n.AuthorUserId == actor.UserId);

    public async Task<Result<NoticeDetail>> GetAsync(Actor actor, Guid buildingId, Guid noticeId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        if (await VisibleNoticeAsync(db, actor, buildingId, noticeId, ct) is not ({ } building, { } notice))
            return Errors.NotFoundError;
        var comments = await db.NoticeComments.AsNoTracking().Where(c => c.NoticeId == noticeId).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync(ct);
        var mine = notice.AuthorUserId is not null && notice.AuthorUserId == actor.UserId;
        var syndic = actor.CanManage(building.OrganisationId, building.Id);
        return new NoticeDetail(Row(notice, comments.Count(c => !c.IsRemoved), actor), building.Id, notice.Body, notice.ExpiresAt,
            comments.Select(c => new CommentRow(c.Id, c.ParentId, c.AuthorName, c.Body, c.CreatedAt, c.EditedAt is not null, c.IsRemoved, c.RemovedReason,
                c.AuthorUserId is not null && c.AuthorUserId == actor.UserId)).ToList(),
            (mine || syndic) && notice.Status is NoticeStatus.Draft or NoticeStatus.Published, syndic);
    }

    public async Task<Result<Guid>> SaveAsync(Actor actor, Guid buildingId, Guid? noticeId, NoticeInput input, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var validation = input.Validate(now);
        if (!validation.IsValid)
            return Result<Guid>.Fail(validation.Errors);
        await using var db = await dbFactory.CreateAsync(ct);
        if (await BuildingAsync(db, actor, buildingId, ct) is not { } building)
            return Errors.NotFoundError;
        var syndic = actor.CanManage(building.OrganisationId, building.Id);
        var resident = await db.IsResidentAsync(actor, buildingId, clock.Today(), ct);
        if (!syndic && (input.Category == NoticeCategory.Announcement || input.AllBuildings))
            return new Error("error.notice_syndic_only", [], nameof(NoticeInput.Category));
        if (!syndic && !resident)
            return Errors.ForbiddenError;
        var photos = input.PhotoFileIds.Distinct().ToList();
        if (await db.Files.CountAsync(f => photos.Contains(f.Id) && f.OrganisationId == building.OrganisationId && f.Use == FileUse.CommunityPhoto, ct) != photos.Count)
            return new Error("error.file_not_image", [], nameof(NoticeInput.PhotoFileIds));
        Notice notice;
        if (noticeId is { } id)
        {
            var existing = await Visible(db, actor, building).FirstOrDefaultAsync(n => n.Id == id, ct);
            if (existing is null || !(syndic || existing.AuthorUserId == actor.UserId))
                return Errors.NotFoundError;
            if (existing.Status is not (NoticeStatus.Draft or NoticeStatus.Published))
                return Error.Of("error.notice_status", existing.Status.ToString());
            existing.Update(input);
            notice = existing;
        }
        else
        {
            notice = Notice.Draft(building.OrganisationId, input.AllBuildings ? null : buildingId, actor, input, now);
            db.Notices.Add(notice);
        }
        await db.SaveChangesAsync(ct);
        return notice.Id;
    }

    public Task<Result> PublishAsync(Actor actor, Guid noticeId, CancellationToken ct) => ChangeAsync(actor, noticeId, "notice.published", async (db, n) =>
    {
        if (n.Status != NoticeStatus.Draft)
            return Error.Of("error.notice_status", n.Status.ToString());
        n.Publish(clock.GetUtcNow());
        // residents hear of announcements and events; small ads wait on the board
        if (n.Category != NoticeCategory.ForSale)
        {
            var today = clock.Today();
            var owners = await db.Ownerships
                .Where(o => o.StartDate <= today && (o.EndDate == null || o.EndDate > today)
                            && db.Set<Unit>().Any(u => u.Id == o.UnitId && (u.BuildingId == n.BuildingId
                                || (n.BuildingId == null && db.Set<Building>().Any(b => b.Id == u.BuildingId && b.OrganisationId == n.OrganisationId)))))
                .Select(o => o.OwnerId).Distinct().ToListAsync(ct);
            await notifications.NotifyOwnersAsync(db, owners, n.OrganisationId, NotificationType.Community, "notify.notice_published", [n.Title], "/notices", ct);
        }
        return Result.Ok();
    }, ct);

    public Task<Result> ArchiveAsync(Actor actor, Guid noticeId, CancellationToken ct) => ChangeAsync(actor, noticeId, "notice.archived", (_, n) =>
    {
        if (n.Status == NoticeStatus.Archived)
            return Task.FromResult<Result>(Error.Of("error.notice_status", n.Status.ToString()));
        n.Archive();
        return Task.FromResult(Result.Ok());
    }, ct);

    /// <summary>A change by the notice's author or a syndic of its organisation (and building).</summary>
    private async Task<Result> ChangeAsync(Actor actor, Guid noticeId, string action, Func<IKoproGoDb, Notice, Task<Result>> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var notice = await db.Notices.FirstOrDefaultAsync(n => n.Id == noticeId, ct);
        if (notice is null || !(notice.AuthorUserId == actor.UserId || actor.CanManage(notice.OrganisationId, notice.BuildingId)))
            return Errors.NotFoundError;
        var result = await change(db, notice);
        if (!result.Succeeded)
            return result;
        db.Audit(actor, clock, action, nameof(Notice), notice.Id, notice.OrganisationId, notice.BuildingId, notice.Title);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result<Guid>> CommentAsync(Actor actor, Guid buildingId, Guid noticeId, Guid? parentId, string? body, CancellationToken ct)
    {
        var v = new Validation().Required(body, "Body", NoticeComment.BodyMax);
        if (!v.IsValid)
            return Result<Guid>.Fail(v.Errors);
        await using var db = await dbFactory.CreateAsync(ct);
        if (await VisibleNoticeAsync(db, actor, buildingId, noticeId, ct) is not ({ } building, { } notice))
            return Errors.NotFoundError;
        if (notice.Status != NoticeStatus.Published)
            return Error.Of("error.notice_status", notice.Status.ToString());
        // replies hang under a top-level comment of the same notice
        if (parentId is { } parent && !await db.NoticeComments.AnyAsync(c => c.Id == parent && c.NoticeId == noticeId && c.ParentId == null, ct))
            return Errors.NotFoundError;
        var comment = NoticeComment.Write(noticeId, parentId, actor, body!, clock.GetUtcNow());
        db.NoticeComments.Add(comment);
        if (notice.AuthorUserId is { } author && author != actor.UserId)
            await notifications.NotifyUsersAsync(db, [author], notice.OrganisationId, NotificationType.Community, "notify.notice_comment", [actor.Name, notice.Title], "/notices", ct, PersonRef.User(actor.UserId));
        await db.SaveChangesAsync(ct);
        return comment.Id;
    }

    public async Task<Result> EditCommentAsync(Actor actor, Guid commentId, string? body, CancellationToken ct)
    {
        var v = new Validation().Required(body, "Body", NoticeComment.BodyMax);
        if (!v.IsValid)
            return v.ToResult();
        await using var db = await dbFactory.CreateAsync(ct);
        var comment = await db.NoticeComments.FirstOrDefaultAsync(c => c.Id == commentId, ct);
        if (comment is null || comment.AuthorUserId is null || comment.AuthorUserId != actor.UserId || comment.IsRemoved)
            return Errors.NotFoundError;
        comment.Edit(body!, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result> RemoveCommentAsync(Actor actor, Guid commentId, string? reason, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var comment = await db.NoticeComments.FirstOrDefaultAsync(c => c.Id == commentId, ct);
        if (comment is null || comment.IsRemoved)
            return Errors.NotFoundError;
        var notice = await db.Notices.AsNoTracking().FirstAsync(n => n.Id == comment.NoticeId, ct);
        var own = comment.AuthorUserId is not null && comment.AuthorUserId == actor.UserId;
        if (!own)
        {
            if (!actor.CanManage(notice.OrganisationId, notice.BuildingId))
                return Errors.NotFoundError;
            var v = new Validation().Required(reason, "Reason", NoticeComment.ReasonMax);
            if (!v.IsValid)
                return v.ToResult();
            db.Audit(actor, clock, "notice.comment_removed", nameof(NoticeComment), comment.Id, notice.OrganisationId, notice.BuildingId, $"{comment.AuthorName}: {reason}");
            if (comment.AuthorUserId is { } author)
                await notifications.NotifyUsersAsync(db, [author], notice.OrganisationId, NotificationType.Community, "notify.comment_removed", [notice.Title, reason!.Trim()], "/notices", ct);
        }
        comment.Remove(own ? null : reason, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}

/// <summary>Hourly: published notices past their expiry leave the board (Expired). Idempotent: rows are locked and re-checked, a second run finds none.</summary>
[RecurringJob("notices-expire", "0 * * * *")]
public sealed class NoticeExpiryJob(IKoproGoDbFactory dbFactory, TimeProvider clock)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // through the entity and with an audit entry each, like any other change; rows another run holds are skipped
        var expired = await db.Notices
            .FromSqlInterpolated($"SELECT * FROM notices WHERE status = {nameof(NoticeStatus.Published)} AND expires_at <= {now} FOR UPDATE SKIP LOCKED")
            .ToListAsync(ct);
        foreach (var notice in expired)
        {
            notice.Expire();
            db.Audit(Actor.System, clock, "notice.expired", nameof(Notice), notice.Id, notice.OrganisationId, notice.BuildingId);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return expired.Count;
    }
}
