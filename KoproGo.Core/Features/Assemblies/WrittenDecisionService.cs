namespace KoproGo.Core.Features.Assemblies;

public interface IWrittenDecisionService
{
    /// <summary>The building's written procedures, for its staff and owners.</summary>
    Task<Result<IReadOnlyList<WrittenRow>>> ListAsync(Actor actor, Guid buildingId, CancellationToken ct);
    Task<Result<WrittenDetail>> GetAsync(Actor actor, Guid procedureId, CancellationToken ct);
    /// <summary>The syndic asks every co-owner in writing; the owners are notified.</summary>
    Task<Result<Guid>> OpenAsync(Actor actor, Guid buildingId, WrittenProcedureInput input, CancellationToken ct);
    /// <summary>
    /// A co-owner's answer, online for their own voice, or on paper recorded by the syndic for any; one each, final.
    /// The last agreement adopts the decision, a refusal rejects it; the owners are told either way.
    /// </summary>
    Task<Result> AnswerAsync(Actor actor, Guid procedureId, WrittenAnswerInput input, CancellationToken ct);
}

public sealed class WrittenDecisionService(IKoproGoDbFactory dbFactory, INotificationService notifications, TimeProvider clock) : IWrittenDecisionService
{
    public async Task<Result<IReadOnlyList<WrittenRow>>> ListAsync(Actor actor, Guid buildingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var building = await db.ReadableBuildings(actor, clock.Today()).AsNoTracking().FirstOrDefaultAsync(b => b.Id == buildingId, ct);
        if (building is null || !await db.IsStaffOrOwnerAsync(actor, building, clock.Today(), ct))
            return Errors.NotFoundError;
        var answers = db.WrittenAnswers;
        var rows = await db.WrittenProcedures.AsNoTracking().Where(p => p.BuildingId == buildingId).OrderByDescending(p => p.OpenedAt)
            .Select(p => new { p, Answered = answers.Count(a => a.ProcedureId == p.Id && a.Agrees != null), Asked = answers.Count(a => a.ProcedureId == p.Id) })
            .ToListAsync(ct);
        var today = clock.Today();
        return rows.Select(r => new WrittenRow(r.p.Id, r.p.Title, r.p.OpenedAt, r.p.LastDay, r.p.StatusOn(today), r.Answered, r.Asked)).ToList();
    }

    public async Task<Result<WrittenDetail>> GetAsync(Actor actor, Guid procedureId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var procedure = await db.WrittenProcedures.AsNoTracking().FirstOrDefaultAsync(p => p.Id == procedureId, ct);
        if (procedure is null)
            return Errors.NotFoundError;
        var building = await db.ReadableBuildings(actor, clock.Today()).AsNoTracking().FirstOrDefaultAsync(b => b.Id == procedure.BuildingId, ct);
        if (building is null || !await db.IsStaffOrOwnerAsync(actor, building, clock.Today(), ct))
            return Errors.NotFoundError;
        var answers = await db.WrittenAnswers.AsNoTracking().Where(a => a.ProcedureId == procedureId).OrderBy(a => a.Name).ToListAsync(ct);
        var mine = answers.Where(a => actor.OwnerIds.Contains(a.OwnerId)).Select(a => a.OwnerId).ToList();
        return new WrittenDetail(procedure.Id, building.Id, building.Name, procedure.Title, procedure.Text, procedure.OpenedAt, procedure.LastDay,
            procedure.StatusOn(clock.Today()), procedure.DecidedAt,
            answers.Select(a => new WrittenAnswerView(a.OwnerId, a.Name, a.Shares, a.Agrees, a.AnsweredAt, a.OnPaper)).ToList(), mine,
            actor.CanManage(building.OrganisationId, building.Id));
    }

    public async Task<Result<Guid>> OpenAsync(Actor actor, Guid buildingId, WrittenProcedureInput input, CancellationToken ct) =>
        await dbFactory.InBuildingAsync(actor, buildingId, BuildingRight.Manage, clock.Today(), input.Validate(clock.Today()), async (db, building) =>
        {
            var roll = await Roll.OfBuildingAsync(db, building.Id, clock.Today(), ct);
            if (roll.Owners == 0)
                return Result<Guid>.Fail(new Error("error.written_no_owners"));
            var procedure = WrittenProcedure.Open(building.OrganisationId, building.Id, input, clock.GetUtcNow());
            db.WrittenProcedures.Add(procedure);
            db.WrittenAnswers.AddRange(roll.Voices.Select(v => WrittenAnswer.Ask(procedure.Id, v)));
            db.Audit(actor, clock, "written.opened", nameof(WrittenProcedure), procedure.Id, building.OrganisationId, building.Id, procedure.Title);
            await notifications.NotifyOwnersAsync(db, roll.Voices.Select(v => v.OwnerId).ToList(), building.OrganisationId, NotificationType.Community,
                "notify.written_opened", [building.Name, procedure.Title, procedure.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)], Link(procedure.Id), ct);
            await db.SaveChangesAsync(ct);
            return Result.Ok(procedure.Id);
        }, ct);

    public async Task<Result> AnswerAsync(Actor actor, Guid procedureId, WrittenAnswerInput input, CancellationToken ct)
    {
        var v = input.Validate();
        if (!v.IsValid)
            return v.ToResult();
        if (actor.UserId is not { } userId)
            return Errors.ForbiddenError;
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var buildingId = await db.WrittenProcedures.Where(p => p.Id == procedureId).Select(p => (Guid?)p.BuildingId).FirstOrDefaultAsync(ct);
        if (buildingId is null)
            return Errors.NotFoundError;
        var building = await db.ReadableBuildings(actor, clock.Today()).AsNoTracking().FirstOrDefaultAsync(b => b.Id == buildingId, ct);
        if (building is null || !await db.IsStaffOrOwnerAsync(actor, building, clock.Today(), ct))
            return Errors.NotFoundError;
        var ownerId = input.OwnerId!.Value;
        // online for one's own voice; the syndic records a paper answer for anyone
        var onPaper = !actor.OwnerIds.Contains(ownerId);
        if (onPaper && !actor.CanManage(building.OrganisationId, building.Id))
            return Errors.ForbiddenError;
        // answers of one procedure are taken one at a time: the last agreement, or the first refusal, decides once
        await db.LockAsync<WrittenProcedure>(procedureId, ct);
        var procedure = await db.WrittenProcedures.FirstAsync(p => p.Id == procedureId, ct);
        if (procedure.StatusOn(clock.Today()) != WrittenStatus.Open)
            return Error.Of("error.written_closed", procedure.StatusOn(clock.Today()).ToString());
        // the whole list, read once: the answer to record and what the others said
        var answers = await db.WrittenAnswers.Where(a => a.ProcedureId == procedureId).ToListAsync(ct);
        var answer = answers.FirstOrDefault(a => a.OwnerId == ownerId);
        if (answer is null)
            return new Error("error.written_not_asked", [], nameof(WrittenAnswerInput.OwnerId));
        if (answer.Agrees is not null)
            return new Error("error.written_answered");
        var now = clock.GetUtcNow();
        answer.Answer(input.Agrees!.Value, onPaper, userId, now);
        db.Audit(actor, clock, onPaper ? "written.paper_answer" : "written.answer", nameof(WrittenProcedure), procedure.Id, procedure.OrganisationId, procedure.BuildingId,
            $"{answer.Name}: {(answer.Agrees == true ? "agrees" : "refuses")}");
        if (answer.Agrees == false || answers.All(a => a.Agrees == true))
        {
            var adopted = answer.Agrees == true;
            procedure.Decide(adopted, now);
            db.Audit(actor, clock, adopted ? "written.adopted" : "written.rejected", nameof(WrittenProcedure), procedure.Id, procedure.OrganisationId, procedure.BuildingId, procedure.Title);
            await notifications.NotifyOwnersAsync(db, answers.Select(a => a.OwnerId).ToList(), procedure.OrganisationId, NotificationType.Community,
                adopted ? "notify.written_adopted" : "notify.written_rejected", [building.Name, procedure.Title], Link(procedure.Id), ct);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result.Ok();
    }

    private static string Link(Guid procedureId) => $"/assemblies/written/{procedureId}";
}
