namespace KoproGo.Core.Features.Buildings;

public sealed record BuildingSummary(Guid Id, Guid OrganisationId, string Name, string City, Region Region, int UnitCount, int OwnerCount, int SharesAllocated, int TotalShares);

public sealed record BuildingDetails(Building Building, string OrganisationName, int SharesAllocated, int UnitCount, bool CanManage, bool IsStaff)
{
    public int SharesRemaining => ShareRules.Remaining(Building.TotalShares, SharesAllocated);
}

public sealed record UnitRow(Guid Id, string Number, UnitType Type, int? Floor, decimal? Area, int Shares, string Owners);

/// <summary>What Civil Code Art. 3.89 §1 requires to be posted for anyone to see: the syndic's identity and contact.</summary>
public sealed record PublicBuildingInfo(string BuildingName, string Street, string PostalCode, string City, string? BuildingEnterpriseNumber,
    string SyndicName, string? SyndicEnterpriseNumber, string? ApprovalNumber, string SyndicEmail, string? SyndicPhone, string? SyndicAddress,
    string? OfficeHours, string? EmergencyPhone);

public interface IBuildingService
{
    Task<IReadOnlyList<BuildingSummary>> ListAsync(Actor actor, CancellationToken ct);
    Task<Result<BuildingDetails>> GetAsync(Actor actor, Guid buildingId, CancellationToken ct);
    Task<Result<Guid>> CreateAsync(Actor actor, Guid organisationId, BuildingInput input, CancellationToken ct);
    Task<Result> UpdateAsync(Actor actor, Guid buildingId, BuildingInput input, CancellationToken ct);
    Task<Result<Page<UnitRow>>> UnitsAsync(Actor actor, Guid buildingId, PageRequest request, CancellationToken ct);
    Task<Result<Guid>> CreateUnitAsync(Actor actor, Guid buildingId, UnitInput input, CancellationToken ct);
    Task<Result> UpdateUnitAsync(Actor actor, Guid unitId, UnitInput input, CancellationToken ct);
    Task<Result> DeleteUnitAsync(Actor actor, Guid unitId, CancellationToken ct);
    Task<PublicBuildingInfo?> GetPublicAsync(string slug, CancellationToken ct);
}

public sealed class BuildingService(IKoproGoDbFactory dbFactory, TimeProvider clock) : IBuildingService
{
    public async Task<IReadOnlyList<BuildingSummary>> ListAsync(Actor actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var today = clock.Today();
        return await db.ReadableBuildings(actor, today)
            .OrderBy(b => b.Name)
            .Select(b => new BuildingSummary(b.Id, b.OrganisationId, b.Name, b.City, b.Region,
                db.Set<Unit>().Count(u => u.BuildingId == b.Id),
                db.Set<Ownership>().Where(o => o.StartDate <= today && (o.EndDate == null || o.EndDate > today)
                                         && db.Set<Unit>().Any(u => u.Id == o.UnitId && u.BuildingId == b.Id))
                    .Select(o => o.OwnerId).Distinct().Count(),
                db.Set<Unit>().Where(u => u.BuildingId == b.Id).Sum(u => (int?)u.Shares) ?? 0,
                b.TotalShares))
            .ToListAsync(ct);
    }

    public async Task<Result<BuildingDetails>> GetAsync(Actor actor, Guid buildingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var building = await db.ReadableBuildings(actor, clock.Today()).AsNoTracking().FirstOrDefaultAsync(b => b.Id == buildingId, ct);
        if (building is null)
            return Errors.NotFoundError;
        var organisation = await db.Organisations.Where(o => o.Id == building.OrganisationId).Select(o => o.Name).FirstAsync(ct);
        var allocated = await db.Units.Where(u => u.BuildingId == buildingId).SumAsync(u => u.Shares, ct);
        var count = await db.Units.CountAsync(u => u.BuildingId == buildingId, ct);
        return new BuildingDetails(building, organisation, allocated, count,
            actor.CanManage(building.OrganisationId, building.Id), actor.IsStaffOf(building.OrganisationId, building.Id));
    }

    public async Task<Result<Guid>> CreateAsync(Actor actor, Guid organisationId, BuildingInput input, CancellationToken ct)
    {
        if (!actor.CanManage(organisationId))
            return Errors.ForbiddenError;
        var validation = input.Validate(clock.Today().Year);
        if (!validation.IsValid)
            return Result<Guid>.Fail(validation.Errors);

        await using var db = await dbFactory.CreateAsync(ct);
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == organisationId, ct);
        if (organisation is null)
            return Errors.NotFoundError;
        if (organisation.IsSuspended)
            return new Error("error.organisation_suspended");
        var slug = input.Slug.Trim().ToLowerInvariant();
        if (await db.Buildings.AnyAsync(b => b.Slug == slug, ct))
            return new Error("error.slug_taken", [], nameof(input.Slug));

        var building = Building.Create(organisationId, input);
        db.Buildings.Add(building);
        db.Audit(actor, clock, "building.created", nameof(Building), building.Id, organisationId, building.Id, building.Name);
        return await SaveAsync(db, building.Id, ct);
    }

    public async Task<Result> UpdateAsync(Actor actor, Guid buildingId, BuildingInput input, CancellationToken ct)
    {
        var validation = input.Validate(clock.Today().Year);
        if (!validation.IsValid)
            return validation.ToResult();
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var found = await db.ManagedBuildingAsync(actor, buildingId, clock.Today(), ct);
        if (!found.Succeeded)
            return found;
        var building = found.Value;
        await db.LockBuildingAsync(buildingId, ct);
        var slug = input.Slug.Trim().ToLowerInvariant();
        if (await db.Buildings.AnyAsync(b => b.Slug == slug && b.Id != buildingId, ct))
            return new Error("error.slug_taken", [], nameof(input.Slug));
        var allocated = await db.Units.Where(u => u.BuildingId == buildingId).SumAsync(u => u.Shares, ct);
        try
        {
            building.Update(input, allocated);
        }
        catch (BusinessRuleException e)
        {
            return e.Error;
        }
        db.Audit(actor, clock, "building.updated", nameof(Building), building.Id, building.OrganisationId, building.Id, building.Name);
        var saved = await SaveAsync(db, building.Id, ct);
        if (saved.Succeeded)
            await tx.CommitAsync(ct);
        return saved;
    }

    public async Task<Result<Page<UnitRow>>> UnitsAsync(Actor actor, Guid buildingId, PageRequest request, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var today = clock.Today();
        var found = await db.StaffBuildingAsync(actor, buildingId, today, ct);
        if (!found.Succeeded)
            return Result<Page<UnitRow>>.Fail(found.Errors);

        var query = db.Units.AsNoTracking().Where(u => u.BuildingId == buildingId);
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var pattern = SearchText.Pattern(request.Search);
            query = query.Where(u => EF.Functions.Like(u.Number.ToLower(), pattern));
        }
        var total = await query.CountAsync(ct);
        query = (request.SortBy, request.Descending) switch
        {
            ("Shares", false) => query.OrderBy(u => u.Shares).ThenBy(u => u.Number),
            ("Shares", true) => query.OrderByDescending(u => u.Shares).ThenBy(u => u.Number),
            ("Floor", false) => query.OrderBy(u => u.Floor).ThenBy(u => u.Number),
            ("Floor", true) => query.OrderByDescending(u => u.Floor).ThenBy(u => u.Number),
            ("Type", false) => query.OrderBy(u => u.Type).ThenBy(u => u.Number),
            ("Type", true) => query.OrderByDescending(u => u.Type).ThenBy(u => u.Number),
            // the column's collation sorts lot numbers naturally (A2 before A10)
            (_, true) => query.OrderByDescending(u => u.Number),
            _ => query.OrderBy(u => u.Number),
        };
        var units = await query.Skip(request.Skip).Take(request.Size)
            .Select(u => new { u.Id, u.Number, u.Type, u.Floor, u.Area, u.Shares })
            .ToListAsync(ct);
        var ids = units.Select(u => u.Id).ToList();
        var owners = await (from o in db.Ownerships
                            join ow in db.Owners on o.OwnerId equals ow.Id
                            where ids.Contains(o.UnitId) && o.StartDate <= today && (o.EndDate == null || o.EndDate > today)
                            select new { o.UnitId, ow.Kind, ow.LastName, ow.FirstName, ow.CompanyName })
            .ToListAsync(ct);
        var names = owners.GroupBy(o => o.UnitId).ToDictionary(g => g.Key,
            g => string.Join(", ", g.Select(o => o.Kind == Owners.OwnerKind.Company ? o.CompanyName : $"{o.LastName} {o.FirstName}".Trim()).Distinct()));
        return new Page<UnitRow>(units.Select(u => new UnitRow(u.Id, u.Number, u.Type, u.Floor, u.Area, u.Shares, names.GetValueOrDefault(u.Id, ""))).ToList(), total);
    }

    public async Task<Result<Guid>> CreateUnitAsync(Actor actor, Guid buildingId, UnitInput input, CancellationToken ct)
    {
        var validation = input.Validate();
        if (!validation.IsValid)
            return Result<Guid>.Fail(validation.Errors);
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var found = await db.ManagedBuildingAsync(actor, buildingId, clock.Today(), ct);
        if (!found.Succeeded)
            return Result<Guid>.Fail(found.Errors);
        var building = found.Value;
        await db.LockBuildingAsync(buildingId, ct);
        var number = input.Number.Trim();
        if (await db.Units.AnyAsync(u => u.BuildingId == buildingId && u.Number == number, ct))
            return new Error("error.unit_number_taken", [number], nameof(input.Number));
        var allocated = await db.Units.Where(u => u.BuildingId == buildingId).SumAsync(u => u.Shares, ct);
        if (ShareRules.CheckFits(building.TotalShares, allocated, 0, input.Shares) is { } tooMany)
            return tooMany;

        var unit = Unit.Create(buildingId, input);
        db.Units.Add(unit);
        db.Audit(actor, clock, "unit.created", nameof(Unit), unit.Id, building.OrganisationId, buildingId, $"{unit.Number} ({unit.Shares})");
        var saved = await SaveAsync(db, unit.Id, ct);
        if (saved.Succeeded)
            await tx.CommitAsync(ct);
        return saved;
    }

    public async Task<Result> UpdateUnitAsync(Actor actor, Guid unitId, UnitInput input, CancellationToken ct)
    {
        var validation = input.Validate();
        if (!validation.IsValid)
            return validation.ToResult();
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var found = await db.Units.Where(u => u.Id == unitId).FindInBuildingAsync(db, actor, u => u.BuildingId, BuildingRight.Manage, clock.Today(), ct);
        if (!found.Succeeded)
            return found;
        var (unit, building) = found.Value;
        await db.LockBuildingAsync(unit.BuildingId, ct);
        var number = input.Number.Trim();
        if (await db.Units.AnyAsync(u => u.BuildingId == unit.BuildingId && u.Number == number && u.Id != unitId, ct))
            return new Error("error.unit_number_taken", [number], nameof(input.Number));
        var allocated = await db.Units.Where(u => u.BuildingId == unit.BuildingId).SumAsync(u => u.Shares, ct);
        if (ShareRules.CheckFits(building.TotalShares, allocated, unit.Shares, input.Shares) is { } tooMany)
            return tooMany;
        var before = $"{unit.Number} ({unit.Shares})";
        unit.Update(input);
        db.Audit(actor, clock, "unit.updated", nameof(Unit), unit.Id, building.OrganisationId, unit.BuildingId, $"{before} → {unit.Number} ({unit.Shares})");
        var saved = await SaveAsync(db, unit.Id, ct);
        if (saved.Succeeded)
            await tx.CommitAsync(ct);
        return saved;
    }

    public async Task<Result> DeleteUnitAsync(Actor actor, Guid unitId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var found = await db.Units.Where(u => u.Id == unitId).FindInBuildingAsync(db, actor, u => u.BuildingId, BuildingRight.Manage, clock.Today(), ct);
        if (!found.Succeeded)
            return found;
        var (unit, building) = found.Value;
        if (await db.Ownerships.AnyAsync(o => o.UnitId == unitId, ct))
            return new Error("error.unit_has_ownerships");
        db.Units.Remove(unit);
        db.Audit(actor, clock, "unit.deleted", nameof(Unit), unit.Id, building.OrganisationId, unit.BuildingId, unit.Number);
        return await SaveAsync(db, unit.Id, ct);
    }

    public async Task<PublicBuildingInfo?> GetPublicAsync(string slug, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var key = slug.Trim().ToLowerInvariant();
        return await (from b in db.Buildings
                      join o in db.Organisations on b.OrganisationId equals o.Id
                      where b.Slug == key && !o.IsSuspended
                      select new PublicBuildingInfo(b.Name, b.Street, b.PostalCode, b.City, b.EnterpriseNumber, o.Name, o.EnterpriseNumber,
                          o.ApprovalNumber, o.ContactEmail, o.Phone, o.Address, o.OfficeHours, o.EmergencyPhone))
            .AsNoTracking().FirstOrDefaultAsync(ct);
    }

    /// <summary>Saves; a unique-index race (same unit number or slug written at once) becomes a message, not a crash.</summary>
    private static async Task<Result<Guid>> SaveAsync(IKoproGoDb db, Guid id, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return id;
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Error(Errors.Concurrency);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return new Error("error.duplicate");
        }
    }
}
