using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Files;
using KoproGo.Core.Features.UserAccounts;

namespace KoproGo.Core.Features.Tickets;

public sealed record TicketRow(Guid Id, Guid BuildingId, string BuildingName, string Title, TicketCategory Category, TicketUrgency Urgency, TicketPriority Priority,
    TicketStatus Status, string? UnitNumber, DateTimeOffset CreatedAt, DateOnly? DueOn, bool Emergency, string? ContractorName, bool Overdue);

public sealed record TicketCommentRow(string AuthorName, string Text, TicketStatus? Step, DateTimeOffset CreatedAt);

/// <summary>What the actor may do on the ticket: manage it (the syndic), follow it (its reporter), work on it (its contractor).</summary>
public sealed record TicketSides(bool Staff, bool Manage, bool Reporter, bool Contractor);

public sealed record TicketDetail(TicketRow Row, string Description, IReadOnlyList<Guid> PhotoFileIds, string ReporterName, bool UnderWarranty, bool InsuranceClaim,
    string? ContractorUserId, string? CancelReason, int? Rating, IReadOnlyList<TicketCommentRow> Comments, TicketSides Sides);

public sealed record ContractorChoice(string UserId, string Name);

public interface ITicketService
{
    /// <summary>An owner or a tenant of the building (or its staff) reports a problem in a lot or the common parts, with up to 5 photos.</summary>
    Task<Result<Guid>> ReportAsync(Actor actor, Guid buildingId, TicketInput input, CancellationToken ct);
    /// <summary>The building's tickets for its staff; an owner or tenant sees the ones they reported.</summary>
    Task<Result<IReadOnlyList<TicketRow>>> ListAsync(Actor actor, Guid buildingId, CancellationToken ct);
    /// <summary>A contractor's jobs: only the tickets assigned to them, in every organisation they work for.</summary>
    Task<IReadOnlyList<TicketRow>> AssignedAsync(Actor actor, CancellationToken ct);
    Task<Result<TicketDetail>> GetAsync(Actor actor, Guid ticketId, CancellationToken ct);
    /// <summary>The contractors' accounts of the building's organisation, for the syndic's assignment.</summary>
    Task<Result<IReadOnlyList<ContractorChoice>>> ContractorsAsync(Actor actor, Guid buildingId, CancellationToken ct);
    Task<Result> TriageAsync(Actor actor, Guid ticketId, TriageInput input, CancellationToken ct);
    Task<Result> AssignAsync(Actor actor, Guid ticketId, string contractorUserId, CancellationToken ct);
    Task<Result> StartAsync(Actor actor, Guid ticketId, CancellationToken ct);
    Task<Result> ResolveAsync(Actor actor, Guid ticketId, string? note, CancellationToken ct);
    Task<Result> CloseAsync(Actor actor, Guid ticketId, CancellationToken ct);
    Task<Result> ReopenAsync(Actor actor, Guid ticketId, string reason, CancellationToken ct);
    Task<Result> CancelAsync(Actor actor, Guid ticketId, string reason, CancellationToken ct);
    /// <summary>The reporter rates the resolution once, 1 to 5.</summary>
    Task<Result> RateAsync(Actor actor, Guid ticketId, int rating, CancellationToken ct);
    Task<Result> CommentAsync(Actor actor, Guid ticketId, string text, CancellationToken ct);
}

public sealed class TicketService(IKoproGoDbFactory dbFactory, INotificationService notifications, TimeProvider clock) : ITicketService
{
    private static readonly TicketStatus[] Workable = [TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.Reopened];

    public async Task<Result<Guid>> ReportAsync(Actor actor, Guid buildingId, TicketInput input, CancellationToken ct)
    {
        var v = input.Validate();
        if (!v.IsValid)
            return Result<Guid>.Fail(v.Errors);
        if (actor.UserId is null)
            return Errors.ForbiddenError;
        var today = clock.Today();
        await using var db = await dbFactory.CreateAsync(ct);
        var building = await db.ReadableBuildings(actor, today).AsNoTracking().FirstOrDefaultAsync(b => b.Id == buildingId, ct);
        if (building is null)
            return Errors.NotFoundError;
        var resident = actor.IsStaffOf(building.OrganisationId, buildingId) || actor.TenantBuildingIds.Contains(buildingId)
                       || await db.OwnerInBuildingAsync(actor, buildingId, today, ct) is not null;
        if (!resident)
            return Errors.ForbiddenError;
        if (input.UnitId is { } unit && !await db.Units.AnyAsync(u => u.Id == unit && u.BuildingId == buildingId, ct))
            return new Error("error.ticket_unit", [], nameof(input.UnitId));
        // the reporter's own pictures of this building only
        var photos = input.PhotoFileIds.Distinct().ToList();
        if (await db.Files.CountAsync(f => photos.Contains(f.Id) && f.BuildingId == buildingId && f.Use == FileUse.CommunityPhoto && f.UploadedByUserId == actor.UserId, ct) != photos.Count)
            return new Error("error.file_not_image", [], nameof(input.PhotoFileIds));
        var ticket = Ticket.Report(building.OrganisationId, buildingId, actor.UserId, input, clock.GetUtcNow());
        db.Tickets.Add(ticket);
        db.Audit(actor, clock, "ticket.reported", nameof(Ticket), ticket.Id, building.OrganisationId, buildingId, ticket.Title);
        await notifications.NotifyUsersAsync(db, await SyndicsAsync(db, ticket, ct), building.OrganisationId, NotificationType.System,
            ticket.Emergency ? "notify.ticket_emergency" : "notify.ticket_reported", [building.Name, ticket.Title], Link(ticket), ct, PersonRef.User(ticket.ReporterUserId));
        await db.SaveChangesAsync(ct);
        return ticket.Id;
    }

    public async Task<Result<IReadOnlyList<TicketRow>>> ListAsync(Actor actor, Guid buildingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var building = await db.ReadableBuildings(actor, clock.Today()).AsNoTracking().FirstOrDefaultAsync(b => b.Id == buildingId, ct);
        if (building is null)
            return Errors.NotFoundError;
        var staff = actor.IsStaffOf(building.OrganisationId, buildingId);
        var me = actor.UserId;
        var query = db.Tickets.AsNoTracking().Where(t => t.BuildingId == buildingId && (staff || t.ReporterUserId == me));
        return Result<IReadOnlyList<TicketRow>>.Ok(await RowsAsync(db, query, ct));
    }

    public async Task<IReadOnlyList<TicketRow>> AssignedAsync(Actor actor, CancellationToken ct)
    {
        var organisations = actor.Grants.Where(g => g.Role == Role.Contractor).Select(g => g.OrganisationId).Distinct().ToList();
        if (actor.UserId is null || organisations.Count == 0)
            return [];
        await using var db = await dbFactory.CreateAsync(ct);
        var me = actor.UserId;
        return await RowsAsync(db, db.Tickets.AsNoTracking().Where(t => t.ContractorUserId == me && organisations.Contains(t.OrganisationId) && t.Status != TicketStatus.Cancelled), ct);
    }

    private async Task<List<TicketRow>> RowsAsync(IKoproGoDb db, IQueryable<Ticket> tickets, CancellationToken ct)
    {
        var today = clock.Today();
        var rows = await (from t in tickets
                          join b in db.Buildings on t.BuildingId equals b.Id
                          join u in db.Units on t.UnitId equals u.Id into lots
                          from u in lots.DefaultIfEmpty()
                          join c in db.Users on t.ContractorUserId equals c.Id into contractors
                          from c in contractors.DefaultIfEmpty()
                          orderby t.CreatedAt descending, t.Id descending
                          select new { Ticket = t, Building = b.Name, Unit = u == null ? null : u.Number, Contractor = c == null ? t.ExternalContractorName : c.DisplayName }).Take(500).ToListAsync(ct);
        return rows.Select(r => Row(r.Ticket, r.Building, r.Unit, r.Contractor, today)).ToList();
    }

    private static TicketRow Row(Ticket t, string building, string? unit, string? contractor, DateOnly today) =>
        new(t.Id, t.BuildingId, building, t.Title, t.Category, t.Urgency, t.Priority, t.Status, unit, t.CreatedAt, t.DueOn, t.Emergency, contractor,
            t.DueOn is { } due && due < today && t.Status is not (TicketStatus.Resolved or TicketStatus.Closed or TicketStatus.Cancelled));

    public async Task<Result<TicketDetail>> GetAsync(Actor actor, Guid ticketId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var seen = await SeeAsync(db, actor, ticketId, tracked: false, ct);
        if (!seen.Succeeded)
            return Result<TicketDetail>.Fail(seen.Errors);
        var (t, building, sides) = seen.Value;
        var unit = t.UnitId is { } u ? await db.Units.Where(x => x.Id == u).Select(x => x.Number).FirstOrDefaultAsync(ct) : null;
        var names = await NamesAsync(db, [t.ReporterUserId, t.ContractorUserId], ct);
        var comments = await (from c in db.TicketComments.AsNoTracking()
                              join a in db.Users on c.AuthorUserId equals a.Id into authors
                              from a in authors.DefaultIfEmpty()
                              where c.TicketId == ticketId
                              orderby c.CreatedAt
                              select new TicketCommentRow(a == null ? "" : a.DisplayName, c.Text, c.Step, c.CreatedAt)).ToListAsync(ct);
        var contractor = t.ContractorUserId is { } cu ? names.GetValueOrDefault(cu) : t.ExternalContractorName;
        return new TicketDetail(Row(t, building.Name, unit, contractor, clock.Today()), t.Description, t.PhotoFileIds, names.GetValueOrDefault(t.ReporterUserId) ?? "",
            t.UnderWarranty, t.InsuranceClaim, t.ContractorUserId, t.CancelReason, t.Rating, comments, sides);
    }

    public async Task<Result<IReadOnlyList<ContractorChoice>>> ContractorsAsync(Actor actor, Guid buildingId, CancellationToken ct) =>
        await dbFactory.InBuildingAsync<IReadOnlyList<ContractorChoice>>(actor, buildingId, BuildingRight.Manage, clock.Today(), async (db, building) =>
        {
            var list = await (from m in db.Memberships
                              join u in db.Users on m.UserId equals u.Id
                              where m.OrganisationId == building.OrganisationId && m.Role == Role.Contractor && u.ErasedAt == null
                              orderby u.DisplayName
                              select new ContractorChoice(u.Id, u.DisplayName)).Distinct().ToListAsync(ct);
            return list;
        }, ct);

    public Task<Result> TriageAsync(Actor actor, Guid ticketId, TriageInput input, CancellationToken ct)
    {
        var v = input.Validate(clock.Today());
        return !v.IsValid ? Task.FromResult(v.ToResult())
            : StepAsync(actor, ticketId, "ticket.triaged", (t, sides) =>
            {
                if (!sides.Manage)
                    return Errors.ForbiddenError;
                if (t.IsFinished)
                    return StatusError(t);
                t.Triage(input);
                return Result.Ok();
            }, null, ct);
    }

    public async Task<Result> AssignAsync(Actor actor, Guid ticketId, string contractorUserId, CancellationToken ct)
    {
        string? contractorName = null;
        return await StepAsync(actor, ticketId, "ticket.assigned", (t, sides) =>
        {
            if (!sides.Manage)
                return Errors.ForbiddenError;
            if (t.IsFinished || t.Status == TicketStatus.Resolved)
                return StatusError(t);
            t.Assign(contractorUserId);
            return Result.Ok();
        }, async (db, t) =>
        {
            // a contractor of this organisation, not any account
            contractorName = await (from m in db.Memberships
                                    join u in db.Users on m.UserId equals u.Id
                                    where m.UserId == contractorUserId && m.OrganisationId == t.OrganisationId && m.Role == Role.Contractor && u.ErasedAt == null
                                    select u.DisplayName).FirstOrDefaultAsync(ct);
            if (contractorName is null)
                return new Error("error.ticket_contractor", [], "ContractorUserId");
            // the job goes to an account: a work-report link sent for it earlier dies
            await WorkReportLink.RevokeLiveAsync(db, t.Id, clock.GetUtcNow(), ct);
            return Result.Ok();
        }, ct, TicketStatus.Assigned, () => contractorName, ("notify.ticket_assigned", true));
    }

    public Task<Result> StartAsync(Actor actor, Guid ticketId, CancellationToken ct) =>
        StepAsync(actor, ticketId, "ticket.started", (t, sides) =>
        {
            if (!sides.Manage && !sides.Contractor)
                return Errors.ForbiddenError;
            if (t.ContractorUserId is null || t.Status is not (TicketStatus.Assigned or TicketStatus.Reopened))
                return StatusError(t);
            t.Start();
            return Result.Ok();
        }, null, ct, TicketStatus.InProgress);

    public Task<Result> ResolveAsync(Actor actor, Guid ticketId, string? note, CancellationToken ct)
    {
        if (Text.Clean(note) is { Length: > TicketComment.TextMax })
            return Task.FromResult<Result>(new Error(Errors.TooLong, [TicketComment.TextMax], "Note"));
        return StepAsync(actor, ticketId, "ticket.resolved", (t, sides) =>
        {
            if (!sides.Manage && !sides.Contractor)
                return Errors.ForbiddenError;
            if (!Workable.Contains(t.Status) && t.Status != TicketStatus.Open)
                return StatusError(t);
            t.Resolve(clock.GetUtcNow());
            return Result.Ok();
        }, null, ct, TicketStatus.Resolved, () => Text.Clean(note));
    }

    public Task<Result> CloseAsync(Actor actor, Guid ticketId, CancellationToken ct) =>
        StepAsync(actor, ticketId, "ticket.closed", (t, sides) =>
        {
            if (!sides.Manage && !sides.Reporter)
                return Errors.ForbiddenError;
            if (t.Status != TicketStatus.Resolved)
                return StatusError(t);
            t.Close(clock.GetUtcNow());
            return Result.Ok();
        }, null, ct, TicketStatus.Closed);

    public Task<Result> ReopenAsync(Actor actor, Guid ticketId, string reason, CancellationToken ct)
    {
        var v = new Validation().Required(reason, "Reason", Ticket.ReasonMax);
        return !v.IsValid ? Task.FromResult(v.ToResult())
            : StepAsync(actor, ticketId, "ticket.reopened", (t, sides) =>
            {
                if (!sides.Manage && !sides.Reporter)
                    return Errors.ForbiddenError;
                if (t.Status is not (TicketStatus.Resolved or TicketStatus.Closed))
                    return StatusError(t);
                t.Reopen();
                return Result.Ok();
            }, null, ct, TicketStatus.Reopened, () => reason.Trim());
    }

    public Task<Result> CancelAsync(Actor actor, Guid ticketId, string reason, CancellationToken ct)
    {
        var v = new Validation().Required(reason, "Reason", Ticket.ReasonMax);
        return !v.IsValid ? Task.FromResult(v.ToResult())
            : StepAsync(actor, ticketId, "ticket.cancelled", (t, sides) =>
            {
                // the reporter may withdraw it until the syndic has given it to someone
                if (!sides.Manage && !(sides.Reporter && t.Status == TicketStatus.Open))
                    return sides.Reporter ? StatusError(t) : Errors.ForbiddenError;
                if (t.IsFinished)
                    return StatusError(t);
                t.Cancel(reason);
                return Result.Ok();
            }, null, ct, TicketStatus.Cancelled, () => reason.Trim());
    }

    public Task<Result> RateAsync(Actor actor, Guid ticketId, int rating, CancellationToken ct)
    {
        if (rating is < 1 or > 5)
            return Task.FromResult<Result>(new Error("error.vote_rating", [], "Rating"));
        return StepAsync(actor, ticketId, "ticket.rated", (t, sides) =>
        {
            if (!sides.Reporter)
                return Errors.ForbiddenError;
            if (t.Status is not (TicketStatus.Resolved or TicketStatus.Closed) || t.Rating is not null)
                return new Error("error.ticket_rate_after_resolution");
            t.Rate(rating);
            return Result.Ok();
        }, null, ct);
    }

    public Task<Result> CommentAsync(Actor actor, Guid ticketId, string text, CancellationToken ct)
    {
        var v = new Validation().Required(text, "Text", TicketComment.TextMax);
        return !v.IsValid ? Task.FromResult(v.ToResult())
            : StepAsync(actor, ticketId, "ticket.commented", (t, _) => t.Status == TicketStatus.Cancelled ? StatusError(t) : Result.Ok(),
                null, ct, comment: () => text.Trim(), notify: ("notify.ticket_comment", false));
    }

    private static Result StatusError(Ticket t) => Error.Of("error.ticket_status", t.Status.ToString());

    private static string Link(Ticket t) => $"/tickets/{t.Id}";

    /// <summary>
    /// A step of one ticket, under a lock of its row: the actor must see it (else "not found"), the step decides what
    /// they may do; then the comment it writes (the step and, if any, its text), the audit entry and the notices to the
    /// other parties — the reporter, the contractor, the syndics — in the step's transaction.
    /// </summary>
    private async Task<Result> StepAsync(Actor actor, Guid ticketId, string audit, Func<Ticket, TicketSides, Result> step,
        Func<IKoproGoDb, Ticket, Task<Result>>? check, CancellationToken ct, TicketStatus? recorded = null, Func<string?>? comment = null,
        (string Key, bool ContractorOnly)? notify = null)
    {
        if (actor.UserId is null)
            return Errors.ForbiddenError;
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var seen = await LockedAsync(db, actor, ticketId, ct);
        if (!seen.Succeeded)
            return Result.Fail(seen.Errors);
        var (ticket, building, sides) = seen.Value;
        var result = step(ticket, sides);
        if (result.Succeeded && check is not null)
            result = await check(db, ticket);
        if (!result.Succeeded)
            return result;
        var text = comment?.Invoke();
        if (recorded is not null || text is not null)
            db.TicketComments.Add(TicketComment.Write(ticket.Id, actor.UserId, text ?? "", recorded, clock.GetUtcNow()));
        db.Audit(actor, clock, audit, nameof(Ticket), ticket.Id, ticket.OrganisationId, ticket.BuildingId, ticket.Title);
        // the title is the reporter's words and may name them: their erasure rewrites these notices
        var about = PersonRef.User(ticket.ReporterUserId);
        if (notify is { ContractorOnly: true } n)
            await notifications.NotifyUsersAsync(db, [ticket.ContractorUserId!], ticket.OrganisationId, NotificationType.System, n.Key, [building.Name, ticket.Title], Link(ticket), ct, about);
        if (recorded is not null || notify is { ContractorOnly: false })
        {
            var others = (await SyndicsAsync(db, ticket, ct)).Append(ticket.ReporterUserId).Append(ticket.ContractorUserId)
                .Where(u => u is not null && u != actor.UserId && !(notify is { ContractorOnly: true } && u == ticket.ContractorUserId)).Select(u => u!).Distinct().ToList();
            string[] args = [building.Name, ticket.Title, recorded?.ToString() ?? ""];
            await notifications.NotifyUsersAsync(db, others, ticket.OrganisationId, NotificationType.System,
                recorded is { } s ? "notify.ticket_step." + s : notify!.Value.Key, args, Link(ticket), ct, about);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result.Ok();
    }

    /// <summary>
    /// The first steps of a change of a ticket (or of its report), in the open transaction: the ticket's row locked, so
    /// the steps of one ticket queue, then read as <see cref="SeeAsync"/> allows (tracked).
    /// </summary>
    internal static async Task<Result<(Ticket Ticket, Building Building, TicketSides Sides)>> LockedAsync(IKoproGoDb db, Actor actor, Guid ticketId, CancellationToken ct)
    {
        if (!await db.Tickets.AnyAsync(t => t.Id == ticketId, ct))
            return Errors.NotFoundError;
        await db.LockAsync<Ticket>(ticketId, ct);
        return await SeeAsync(db, actor, ticketId, tracked: true, ct);
    }

    /// <summary>The ticket if the actor sees it: the building's staff, its reporter, its contractor (in an organisation they work for).</summary>
    internal static async Task<Result<(Ticket Ticket, Building Building, TicketSides Sides)>> SeeAsync(IKoproGoDb db, Actor actor, Guid ticketId, bool tracked, CancellationToken ct)
    {
        var query = tracked ? db.Tickets : db.Tickets.AsNoTracking();
        var ticket = await query.FirstOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is null || actor.UserId is null && !actor.IsSuperAdmin)
            return Errors.NotFoundError;
        var building = await db.Buildings.AsNoTracking().FirstAsync(b => b.Id == ticket.BuildingId, ct);
        var sides = new TicketSides(
            actor.IsStaffOf(ticket.OrganisationId, ticket.BuildingId),
            actor.CanManage(ticket.OrganisationId, ticket.BuildingId),
            actor.UserId is not null && ticket.ReporterUserId == actor.UserId,
            actor.UserId is not null && ticket.ContractorUserId == actor.UserId && actor.Grants.Any(g => g.Role == Role.Contractor && g.OrganisationId == ticket.OrganisationId));
        return sides is { Staff: false, Reporter: false, Contractor: false } ? Errors.NotFoundError : (ticket, building, sides);
    }

    internal static Task<List<string>> SyndicsAsync(IKoproGoDb db, Ticket ticket, CancellationToken ct) =>
        db.Memberships.Where(m => m.OrganisationId == ticket.OrganisationId && m.Role == Role.Syndic && (m.BuildingId == null || m.BuildingId == ticket.BuildingId))
            .Select(m => m.UserId).Distinct().ToListAsync(ct);

    private static async Task<Dictionary<string, string>> NamesAsync(IKoproGoDb db, IEnumerable<string?> userIds, CancellationToken ct)
    {
        var ids = userIds.Where(u => u is not null).Select(u => u!).Distinct().ToList();
        return await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }
}
