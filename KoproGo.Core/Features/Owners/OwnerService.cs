namespace KoproGo.Core.Features.Owners;

public sealed record OwnerRow(Guid Id, OwnerKind Kind, string Name, string? Email, string? Phone, string PreferredLanguage, bool HasAccount, int UnitCount);

public sealed record OwnershipRow(Guid Id, Guid OwnerId, string OwnerName, OwnershipKind Kind, decimal Percentage, bool IsPrimaryContact, DateOnly StartDate, DateOnly? EndDate);

public sealed record UnitOwnerships(Guid UnitId, string UnitNumber, Guid BuildingId, string BuildingName, Guid OrganisationId, int Shares, int TotalShares,
    IReadOnlyList<OwnershipRow> Active, IReadOnlyList<OwnershipRow> History);

/// <summary>An owner's view of one of their units (SPEC §1.1: their shares, their co-owners, the building).</summary>
public sealed record MyUnit(Guid UnitId, string UnitNumber, UnitType Type, int? Floor, decimal? Area, int Shares, int TotalShares,
    OwnershipKind Kind, decimal Percentage, Guid BuildingId, string BuildingName, string Street, string PostalCode, string City,
    string SyndicName, string SyndicEmail, string? SyndicPhone, IReadOnlyList<string> CoOwners);

public sealed class ChangeOwnershipInput
{
    public DateOnly EffectiveDate { get; set; }
    public List<OwnershipLine> Lines { get; set; } = [];
}

public interface IOwnerService
{
    Task<Result<Page<OwnerRow>>> SearchAsync(Actor actor, Guid organisationId, PageRequest request, CancellationToken ct);
    Task<Result<Owner>> GetAsync(Actor actor, Guid ownerId, CancellationToken ct);
    Task<Result<Guid>> CreateAsync(Actor actor, Guid organisationId, OwnerInput input, CancellationToken ct);
    Task<Result> UpdateAsync(Actor actor, Guid ownerId, OwnerInput input, CancellationToken ct);
    Task<Result<UnitOwnerships>> UnitOwnershipsAsync(Actor actor, Guid unitId, CancellationToken ct);
    /// <summary>The ownership editor: corrections on the current start date replace rows; later dates close and open rows.</summary>
    Task<Result> SaveOwnershipsAsync(Actor actor, Guid unitId, ChangeOwnershipInput input, CancellationToken ct);
    /// <summary>The transfer wizard (sale, inheritance): closes every active ownership on the date, opens the new ones.</summary>
    Task<Result> TransferAsync(Actor actor, Guid unitId, ChangeOwnershipInput input, CancellationToken ct);
    Task<IReadOnlyList<MyUnit>> MyUnitsAsync(Actor actor, CancellationToken ct);
}

public sealed class OwnerService(IKoproGoDbFactory dbFactory, TimeProvider clock, INotificationService notifications) : IOwnerService
{
    public async Task<Result<Page<OwnerRow>>> SearchAsync(Actor actor, Guid organisationId, PageRequest request, CancellationToken ct)
    {
        if (!actor.IsStaffOf(organisationId))
            return Errors.ForbiddenError;
        await using var db = await dbFactory.CreateAsync(ct);
        var today = clock.Today();
        var query = db.Owners.AsNoTracking().Where(o => o.OrganisationId == organisationId);
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var p = SearchText.Pattern(request.Search);
            query = query.Where(o => EF.Functions.Like((o.LastName ?? "").ToLower(), p) || EF.Functions.Like((o.FirstName ?? "").ToLower(), p)
                                     || EF.Functions.Like((o.CompanyName ?? "").ToLower(), p) || EF.Functions.Like((o.Email ?? "").ToLower(), p));
        }
        var total = await query.CountAsync(ct);
        var rows = await query
            .OrderBy(o => o.Kind == OwnerKind.Company ? o.CompanyName : o.LastName).ThenBy(o => o.FirstName)
            .Skip(request.Skip).Take(request.Size)
            .Select(o => new OwnerRow(o.Id, o.Kind,
                o.Kind == OwnerKind.Company ? o.CompanyName! : (o.LastName + " " + (o.FirstName ?? "")).Trim(),
                o.Email, o.Phone, o.PreferredLanguage, o.UserId != null,
                db.Set<Ownership>().Where(s => s.OwnerId == o.Id && s.StartDate <= today && (s.EndDate == null || s.EndDate > today)).Select(s => s.UnitId).Distinct().Count()))
            .ToListAsync(ct);
        return new Page<OwnerRow>(rows, total);
    }

    public async Task<Result<Owner>> GetAsync(Actor actor, Guid ownerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var owner = await db.Owners.AsNoTracking().FirstOrDefaultAsync(o => o.Id == ownerId, ct);
        if (owner is null || !(actor.IsStaffOf(owner.OrganisationId) || actor.OwnerIds.Contains(owner.Id)))
            return Errors.NotFoundError;
        return owner;
    }

    public async Task<Result<Guid>> CreateAsync(Actor actor, Guid organisationId, OwnerInput input, CancellationToken ct)
    {
        if (!actor.CanManage(organisationId))
            return Errors.ForbiddenError;
        var validation = input.Validate();
        if (!validation.IsValid)
            return Result<Guid>.Fail(validation.Errors);
        await using var db = await dbFactory.CreateAsync(ct);
        if (!await db.Organisations.AnyAsync(o => o.Id == organisationId, ct))
            return Errors.NotFoundError;
        var owner = Owner.Create(organisationId, input);
        db.Owners.Add(owner);
        db.Audit(actor, clock, "owner.created", nameof(Owner), owner.Id, organisationId, details: owner.DisplayName);
        await db.SaveChangesAsync(ct);
        return owner.Id;
    }

    public async Task<Result> UpdateAsync(Actor actor, Guid ownerId, OwnerInput input, CancellationToken ct)
    {
        var validation = input.Validate();
        if (!validation.IsValid)
            return validation.ToResult();
        await using var db = await dbFactory.CreateAsync(ct);
        var found = await db.ManagedOwnerAsync(actor, ownerId, ct);
        if (!found.Succeeded)
            return found;
        var owner = found.Value;
        var before = $"{owner.DisplayName} <{owner.Email}> {owner.Phone} {owner.PostalAddress}";
        owner.Update(input);
        db.Audit(actor, clock, "owner.updated", nameof(Owner), owner.Id, owner.OrganisationId,
            details: $"{before} → {owner.DisplayName} <{owner.Email}> {owner.Phone} {owner.PostalAddress}");
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result<UnitOwnerships>> UnitOwnershipsAsync(Actor actor, Guid unitId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null)
            return Errors.NotFoundError;
        var today = clock.Today();
        var found = await db.StaffBuildingAsync(actor, unit.BuildingId, today, ct);
        if (!found.Succeeded)
            return Result<UnitOwnerships>.Fail(found.Errors);
        var rows = await (from o in db.Ownerships
                          join ow in db.Owners on o.OwnerId equals ow.Id
                          where o.UnitId == unitId
                          orderby o.StartDate descending, o.Percentage descending
                          select new OwnershipRow(o.Id, o.OwnerId,
                              ow.Kind == OwnerKind.Company ? ow.CompanyName! : (ow.LastName + " " + (ow.FirstName ?? "")).Trim(),
                              o.Kind, o.Percentage, o.IsPrimaryContact, o.StartDate, o.EndDate))
            .ToListAsync(ct);
        // open rows are the current owners (including a transfer recorded ahead of its date); closed rows are history
        return new UnitOwnerships(unit.Id, unit.Number, found.Value.Id, found.Value.Name, found.Value.OrganisationId, unit.Shares, found.Value.TotalShares,
            rows.Where(r => r.EndDate is null).ToList(), rows.Where(r => r.EndDate is not null).ToList());
    }

    public Task<Result> SaveOwnershipsAsync(Actor actor, Guid unitId, ChangeOwnershipInput input, CancellationToken ct) =>
        ChangeAsync(actor, unitId, input, isTransfer: false, ct);

    public Task<Result> TransferAsync(Actor actor, Guid unitId, ChangeOwnershipInput input, CancellationToken ct) =>
        ChangeAsync(actor, unitId, input, isTransfer: true, ct);

    private async Task<Result> ChangeAsync(Actor actor, Guid unitId, ChangeOwnershipInput input, bool isTransfer, CancellationToken ct)
    {
        var errors = OwnershipRules.Validate(input.Lines);
        errors = [.. errors, .. new Validation().Date(input.EffectiveDate, nameof(input.EffectiveDate)).Errors];
        if (errors.Count > 0)
            return Result.Fail(errors);

        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var found = await db.Units.AsNoTracking().Where(u => u.Id == unitId).FindInBuildingAsync(db, actor, u => u.BuildingId, BuildingRight.Manage, clock.Today(), ct);
        if (!found.Succeeded)
            return found;
        var (unit, building) = found.Value;
        var organisationId = building.OrganisationId;

        // Σ = 100 % must hold per unit under concurrent editors: the unit row lock serialises them.
        await db.LockUnitAsync(unitId, ct);
        var ownerIds = input.Lines.Select(l => l.OwnerId).Distinct().ToList();
        var knownOwners = await db.Owners.Where(o => ownerIds.Contains(o.Id) && o.OrganisationId == organisationId).Select(o => o.Id).ToListAsync(ct);
        if (knownOwners.Count != ownerIds.Count)
            return new Error("error.owner_unknown");

        var current = await db.Ownerships.Where(o => o.UnitId == unitId && o.EndDate == null).ToListAsync(ct);
        var ending = isTransfer ? current : current.Where(o => !input.Lines.Any(o.SameRightAs)).ToList();
        if (OwnershipRules.CheckEffectiveDate(ending, input.EffectiveDate, isTransfer) is { } dateError)
            return dateError;

        foreach (var row in ending)
        {
            if (row.StartDate == input.EffectiveDate)
                db.Ownerships.Remove(row);          // a same-day correction replaces the row, it is not history
            else
                row.End(input.EffectiveDate);
        }
        foreach (var line in input.Lines)
        {
            var kept = isTransfer ? null : current.FirstOrDefault(o => o.SameRightAs(line));
            if (kept is not null)
                kept.SetPrimaryContact(line.IsPrimaryContact);
            else
                db.Ownerships.Add(Ownership.Start(unitId, line, input.EffectiveDate));
        }

        var summary = string.Join("; ", input.Lines.Select(l => $"{l.OwnerId}:{l.Kind}:{l.Percentage}%"));
        db.Audit(actor, clock, isTransfer ? "unit.transferred" : "ownership.changed", nameof(Unit), unitId, organisationId, unit.BuildingId,
            $"{input.EffectiveDate:yyyy-MM-dd} {summary}");
        await notifications.NotifyOwnersAsync(db, ownerIds, organisationId, NotificationType.OwnershipChanged, "notify.ownership_changed",
            [unit.Number, building.Name], "/my-units", ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result.Ok();
    }

    public async Task<IReadOnlyList<MyUnit>> MyUnitsAsync(Actor actor, CancellationToken ct)
    {
        var ownerIds = actor.OwnerIds.ToList();
        var tenantBuildings = actor.TenantBuildingIds.ToList();
        if (ownerIds.Count == 0 && tenantBuildings.Count == 0)
            return [];
        await using var db = await dbFactory.CreateAsync(ct);
        var today = clock.Today();
        var mine = await (from o in db.Ownerships
                          join u in db.Units on o.UnitId equals u.Id
                          join b in db.Buildings on u.BuildingId equals b.Id
                          join org in db.Organisations on b.OrganisationId equals org.Id
                          where ownerIds.Contains(o.OwnerId) && o.StartDate <= today && (o.EndDate == null || o.EndDate > today)
                          orderby b.Name, u.Number
                          select new { o.UnitId, u.Number, u.Type, u.Floor, u.Area, u.Shares, b.TotalShares, o.Kind, o.Percentage, b.Id, b.Name, b.Street, b.PostalCode, b.City, Syndic = org.Name, org.ContactEmail, org.Phone })
            .AsNoTracking().ToListAsync(ct);
        var unitIds = mine.Select(m => m.UnitId).ToList();
        var coOwners = await (from o in db.Ownerships
                              join ow in db.Owners on o.OwnerId equals ow.Id
                              where unitIds.Contains(o.UnitId) && !ownerIds.Contains(o.OwnerId) && o.StartDate <= today && (o.EndDate == null || o.EndDate > today)
                              select new { o.UnitId, Name = ow.Kind == OwnerKind.Company ? ow.CompanyName! : (ow.LastName + " " + (ow.FirstName ?? "")).Trim(), o.Kind, o.Percentage })
            .ToListAsync(ct);
        return mine.Select(m => new MyUnit(m.UnitId, m.Number, m.Type, m.Floor, m.Area, m.Shares, m.TotalShares, m.Kind, m.Percentage,
                m.Id, m.Name, m.Street, m.PostalCode, m.City, m.Syndic, m.ContactEmail, m.Phone,
                coOwners.Where(c => c.UnitId == m.UnitId).Select(c => $"{c.Name} ({c.Percentage:0.####} %, {c.Kind})").ToList()))
            .ToList();
    }
}
