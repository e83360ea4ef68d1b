using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Files;
using KoproGo.Core.Features.Notifications;

namespace KoproGo.Core.Features.Notary;

/// <summary>A request on the office's list: for which lot, by when, where it stands.</summary>
public sealed record NotaryRequestRow(Guid Id, Guid BuildingId, string BuildingName, Guid UnitId, string UnitNumber, NotaryStage Stage, DateOnly ReceivedOn,
    DateOnly DueOn, string NotaryName, NotaryRequestStatus Status, DateOnly? ReferenceDate, DateOnly? ExpiresOn, bool Overdue, bool IsOpen);

/// <summary>One request with its sections as they would be printed today, and what still stops the generation.</summary>
public sealed record NotaryRequestDetail(NotaryRequestRow Request, string NotaryEmail, string Language, string? BuyerName, DateOnly? TransferOn,
    Guid? PackFileId, DateTimeOffset? DeliveredAt, string? CancelReason, IReadOnlyList<PackSection> Sections)
{
    public IReadOnlyList<PackSection> Missing => Sections.Where(s => s.Missing).ToList();
}

public sealed record LegalCaseRow(Guid Id, LegalCaseKind Kind, string Subject, string Counterparty, string? Court, DateOnly OpenedOn, DateOnly? ClosedOn, decimal? AmountAtStake)
{
    public LegalCaseInput ToInput() => new()
    {
        Kind = Kind,
        Subject = Subject,
        Counterparty = Counterparty,
        Court = Court,
        OpenedOn = OpenedOn,
        ClosedOn = ClosedOn,
        AmountAtStake = AmountAtStake,
    };
}

public sealed record UnitChoice(Guid Id, string Number);

public interface INotaryService
{
    /// <summary>The organisation's requests for its office (syndic, accountant): open ones by due date, then the others, newest first.</summary>
    Task<Result<IReadOnlyList<NotaryRequestRow>>> ListAsync(Actor actor, Guid organisationId, CancellationToken ct);
    /// <summary>The lots of a building a request can be about (those with an owner today).</summary>
    Task<Result<IReadOnlyList<UnitChoice>>> UnitsAsync(Actor actor, Guid buildingId, CancellationToken ct);
    /// <summary>Records a notary's request (the syndic): the answer is due 15 days (§1) or 30 days (§2) after its receipt.</summary>
    Task<Result<Guid>> ReceiveAsync(Actor actor, Guid buildingId, NotaryRequestInput input, CancellationToken ct);
    /// <summary>The request and its sections read from the data today, in <paramref name="culture"/>.</summary>
    Task<Result<NotaryRequestDetail>> GetAsync(Actor actor, Guid notaryRequestId, string culture, CancellationToken ct);
    /// <summary>The syndic's word on one section: "none" (where the app holds nothing) and/or a remark printed under it.</summary>
    Task<Result> StateAsync(Actor actor, Guid notaryRequestId, SectionStatementInput input, CancellationToken ct);
    /// <summary>Draws the pack in the notary's language as of today; refused, with the list, while a register section has neither a line nor a "none".</summary>
    Task<Result<Guid>> GenerateAsync(Actor actor, Guid notaryRequestId, CancellationToken ct);
    /// <summary>Sends the generated pack to the notary by e-mail (the outbox, PDF attached) and records the delivery.</summary>
    Task<Result> DeliverAsync(Actor actor, Guid notaryRequestId, CancellationToken ct);
    Task<Result> CancelAsync(Actor actor, Guid notaryRequestId, string reason, CancellationToken ct);
    /// <summary>The building's register of disputes and proceedings (its office), open ones first.</summary>
    Task<Result<IReadOnlyList<LegalCaseRow>>> CasesAsync(Actor actor, Guid buildingId, CancellationToken ct);
    Task<Result<Guid>> SaveCaseAsync(Actor actor, Guid buildingId, Guid? caseId, LegalCaseInput input, CancellationToken ct);
}

public sealed class NotaryService(IKoproGoDbFactory dbFactory, IFileStore store, TimeProvider clock) : INotaryService
{
    public async Task<Result<IReadOnlyList<NotaryRequestRow>>> ListAsync(Actor actor, Guid organisationId, CancellationToken ct)
    {
        if (!actor.CanKeepBooks(organisationId))
            return actor.StaffOrganisationIds.Contains(organisationId) ? Errors.ForbiddenError : Errors.NotFoundError;
        var today = clock.Today();
        await using var db = await dbFactory.CreateAsync(ct);
        var rows = await RowsAsync(db, db.NotaryRequests.Where(r => r.OrganisationId == organisationId), today, ct);
        return rows.OrderByDescending(r => r.IsOpen).ThenBy(r => r.IsOpen ? r.DueOn.DayNumber : -r.ReceivedOn.DayNumber).ToList();
    }

    internal static async Task<List<NotaryRequestRow>> RowsAsync(IKoproGoDb db, IQueryable<NotaryRequest> requests, DateOnly today, CancellationToken ct)
    {
        var rows = await (from r in requests.AsNoTracking()
                          join b in db.Buildings on r.BuildingId equals b.Id
                          join u in db.Units on r.UnitId equals u.Id
                          select new { Request = r, BuildingName = b.Name, UnitNumber = u.Number }).ToListAsync(ct);
        return rows.Select(x => Row(x.Request, x.BuildingName, x.UnitNumber, today)).ToList();
    }

    private static NotaryRequestRow Row(NotaryRequest r, string buildingName, string unitNumber, DateOnly today) =>
        new(r.Id, r.BuildingId, buildingName, r.UnitId, unitNumber, r.Stage, r.ReceivedOn, r.DueOn, r.NotaryName, r.Status, r.ReferenceDate,
            NotaryRules.ExpiresOn(r.ReferenceDate), r.IsOpen && r.DueOn < today, r.IsOpen);

    public Task<Result<IReadOnlyList<UnitChoice>>> UnitsAsync(Actor actor, Guid buildingId, CancellationToken ct) =>
        dbFactory.InBuildingAsync<IReadOnlyList<UnitChoice>>(actor, buildingId, BuildingRight.Manage, clock.Today(), async (db, building) =>
        {
            var today = clock.Today();
            var units = await db.Units.AsNoTracking()
                .Where(u => u.BuildingId == buildingId && db.Set<Ownership>().Any(o => o.UnitId == u.Id && o.StartDate <= today && (o.EndDate == null || o.EndDate > today)))
                .OrderBy(u => u.Number).Select(u => new UnitChoice(u.Id, u.Number)).ToListAsync(ct);
            return units;
        }, ct);

    public Task<Result<Guid>> ReceiveAsync(Actor actor, Guid buildingId, NotaryRequestInput input, CancellationToken ct) =>
        dbFactory.InBuildingAsync<Guid>(actor, buildingId, BuildingRight.Manage, clock.Today(), input.Validate(clock.Today()), async (db, building) =>
        {
            var today = clock.Today();
            var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == input.UnitId && u.BuildingId == buildingId, ct);
            if (unit is null)
                return new Error("error.unit_unknown", [], nameof(input.UnitId));
            if (!await db.Ownerships.AnyAsync(o => o.UnitId == unit.Id && o.StartDate <= today && (o.EndDate == null || o.EndDate > today), ct))
                return new Error("error.notary_no_owner", [], nameof(input.UnitId));
            var request = NotaryRequest.Receive(building.OrganisationId, buildingId, input, clock.GetUtcNow());
            db.NotaryRequests.Add(request);
            db.Audit(actor, clock, "notary.received", nameof(NotaryRequest), request.Id, building.OrganisationId, buildingId, $"{unit.Number} {request.Stage}");
            await db.SaveChangesAsync(ct);
            return request.Id;
        }, ct);

    public async Task<Result<NotaryRequestDetail>> GetAsync(Actor actor, Guid notaryRequestId, string culture, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var today = clock.Today();
        var found = await db.NotaryRequests.AsNoTracking().Where(r => r.Id == notaryRequestId)
            .FindInBuildingAsync(db, actor, r => r.BuildingId, BuildingRight.Books, today, ct);
        if (!found.Succeeded)
            return Result<NotaryRequestDetail>.Fail(found.Errors);
        var (request, building) = found.Value;
        var unitNumber = await db.Units.Where(u => u.Id == request.UnitId).Select(u => u.Number).FirstAsync(ct);
        var sections = await NotaryPack.BuildAsync(db, request, building, today, Texts.Culture(culture), ct);
        return new NotaryRequestDetail(Row(request, building.Name, unitNumber, today), request.NotaryEmail, request.Language, request.BuyerName, request.TransferOn,
            request.PackFileId, request.DeliveredAt, request.CancelReason, sections);
    }

    public Task<Result> StateAsync(Actor actor, Guid notaryRequestId, SectionStatementInput input, CancellationToken ct)
    {
        var v = input.Validate();
        if (!v.IsValid)
            return Task.FromResult(v.ToResult());
        return ChangeAsync(actor, notaryRequestId, "notary.stated", (_, request, _) =>
        {
            if (!request.IsOpen)
                return Task.FromResult(StatusError(request));
            if (!NotaryPack.SectionsOf(request.Stage).Contains(input.Section))
                return Task.FromResult<Result>(new Error("error.notary_section", [], nameof(input.Section)));
            request.State(input.Section, input.None, input.Note);
            return Task.FromResult(Result.Ok());
        }, ct);
    }

    public async Task<Result<Guid>> GenerateAsync(Actor actor, Guid notaryRequestId, CancellationToken ct)
    {
        Guid fileId = default;
        string? written = null, staleKey = null;
        var result = await ChangeAsync(actor, notaryRequestId, "notary.generated", async (db, request, building) =>
        {
            if (!request.IsOpen)
                return StatusError(request);
            var today = clock.Today();
            var c = Texts.Culture(request.Language);
            var sections = await NotaryPack.BuildAsync(db, request, building, today, c, ct);
            if (sections.Where(s => s.Missing).ToList() is { Count: > 0 } missing)
                return Error.Of("error.notary_sections_missing", string.Join(", ", missing.Select(s => $"{s.Number}. {s.Title}")));
            var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == building.OrganisationId, ct);
            var unitNumber = await db.Units.Where(u => u.Id == request.UnitId).Select(u => u.Number).FirstAsync(ct);
            var now = clock.GetUtcNow();
            var pdf = NotaryPack.Pdf(organisation, building, request, unitNumber, sections, today, now);
            using (var stream = new MemoryStream(pdf))
                written = await store.SaveAsync(stream, ct);
            // the seller's figures: a document of the syndic's office (those who keep the books), never the board's or the owners'
            var file = StoredFile.Create(building.OrganisationId, building.Id, $"{building.Slug}-notaire-{unitNumber}-{today:yyyy-MM-dd}.pdf", "application/pdf",
                pdf.Length, written, actor.UserId, now, FileUse.BuildingDocument, audience: DocumentAudience.Staff);
            db.Files.Add(file);
            // a pack drawn again replaces the one not sent yet: the office's documents keep one per request
            if (request.PackFileId is { } previous && await db.Files.FirstOrDefaultAsync(f => f.Id == previous, ct) is { } stale)
            {
                db.Files.Remove(stale);
                staleKey = stale.StorageKey;
            }
            request.Generated(file.Id, today, now);
            fileId = file.Id;
            return Result.Ok();
        }, ct, onFailure: async () =>
        {
            if (written is not null)
                await store.DeleteAsync(written, CancellationToken.None);   // no orphan bytes when the request is not saved
        });
        if (result.Succeeded && staleKey is not null)
            await store.DeleteAsync(staleKey, CancellationToken.None);
        return result.Succeeded ? fileId : Result<Guid>.Fail(result.Errors);
    }

    public Task<Result> DeliverAsync(Actor actor, Guid notaryRequestId, CancellationToken ct) =>
        ChangeAsync(actor, notaryRequestId, "notary.delivered", async (db, request, building) =>
        {
            if (request.Status != NotaryRequestStatus.Generated || request.PackFileId is null)
                return StatusError(request);
            var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == building.OrganisationId, ct);
            var unitNumber = await db.Units.Where(u => u.Id == request.UnitId).Select(u => u.Number).FirstAsync(ct);
            var c = Texts.Culture(request.Language);
            db.OutboxEmails.Add(OutboxEmail.Queue(new MailTo(request.NotaryEmail, request.NotaryName),
                Texts.Get("mail.notary.subject", c, building.Name, unitNumber),
                Texts.Get("mail.notary.body", c, request.NotaryName, building.Name, $"{building.Street}, {building.PostalCode} {building.City}", unitNumber,
                    request.ReceivedOn.ToString("d", c), request.ReferenceDate!.Value.ToString("d", c), organisation.Name),
                building.OrganisationId, clock.GetUtcNow(), request.PackFileId));
            request.Delivered(clock.GetUtcNow());
            return Result.Ok();
        }, ct);

    public Task<Result> CancelAsync(Actor actor, Guid notaryRequestId, string reason, CancellationToken ct)
    {
        var v = new Validation().Required(reason, "Reason", NotaryRequest.ReasonMax);
        if (!v.IsValid)
            return Task.FromResult(v.ToResult());
        return ChangeAsync(actor, notaryRequestId, "notary.cancelled", (_, request, _) =>
        {
            if (!request.IsOpen)
                return Task.FromResult(StatusError(request));
            request.Cancel(reason);
            return Task.FromResult(Result.Ok());
        }, ct);
    }

    public Task<Result<IReadOnlyList<LegalCaseRow>>> CasesAsync(Actor actor, Guid buildingId, CancellationToken ct) =>
        dbFactory.InBuildingAsync<IReadOnlyList<LegalCaseRow>>(actor, buildingId, BuildingRight.Books, clock.Today(), async (db, _) =>
        {
            var cases = await db.LegalCases.AsNoTracking().Where(x => x.BuildingId == buildingId).ToListAsync(ct);
            return cases.OrderBy(x => x.ClosedOn is not null).ThenByDescending(x => x.OpenedOn)
                .Select(x => new LegalCaseRow(x.Id, x.Kind, x.Subject, x.Counterparty, x.Court, x.OpenedOn, x.ClosedOn, x.AmountAtStake)).ToList();
        }, ct);

    public Task<Result<Guid>> SaveCaseAsync(Actor actor, Guid buildingId, Guid? caseId, LegalCaseInput input, CancellationToken ct) =>
        dbFactory.InBuildingAsync<Guid>(actor, buildingId, BuildingRight.Manage, clock.Today(), input.Validate(clock.Today()), async (db, building) =>
        {
            LegalCase item;
            if (caseId is { } id)
            {
                var found = await db.LegalCases.FirstOrDefaultAsync(x => x.Id == id && x.BuildingId == buildingId, ct);
                if (found is null)
                    return Errors.NotFoundError;
                found.Update(input);
                item = found;
            }
            else
            {
                item = LegalCase.Open(building.OrganisationId, buildingId, input);
                db.LegalCases.Add(item);
            }
            db.Audit(actor, clock, caseId is null ? "legal_case.opened" : "legal_case.updated", nameof(LegalCase), item.Id, building.OrganisationId, buildingId, item.Subject);
            await db.SaveChangesAsync(ct);
            return item.Id;
        }, ct);

    private static Result StatusError(NotaryRequest request) => Error.Of("error.notary_status", request.Status.ToString());

    /// <summary>A step of one request by the building's syndic, under a lock of the request's row (two clicks on "generate" draw one pack at a time).</summary>
    private async Task<Result> ChangeAsync(Actor actor, Guid notaryRequestId, string audit, Func<IKoproGoDb, NotaryRequest, Building, Task<Result>> change,
        CancellationToken ct, Func<Task>? onFailure = null)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var buildingId = await db.NotaryRequests.Where(r => r.Id == notaryRequestId).Select(r => (Guid?)r.BuildingId).FirstOrDefaultAsync(ct);
        if (buildingId is null)
            return Errors.NotFoundError;
        var building = await db.ManagedBuildingAsync(actor, buildingId.Value, clock.Today(), ct);
        if (!building.Succeeded)
            return Result.Fail(building.Errors);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.LockAsync<NotaryRequest>(notaryRequestId, ct);
            var request = await db.NotaryRequests.FirstAsync(r => r.Id == notaryRequestId, ct);
            var result = await change(db, request, building.Value);
            if (!result.Succeeded)
            {
                if (onFailure is not null)
                    await onFailure();
                return result;
            }
            db.Audit(actor, clock, audit, nameof(NotaryRequest), request.Id, building.Value.OrganisationId, building.Value.Id, request.Status.ToString());
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return Result.Ok();
        }
        catch when (onFailure is not null)
        {
            await onFailure();
            throw;
        }
    }
}
