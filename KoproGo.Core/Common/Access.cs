namespace KoproGo.Core.Common;

/// <summary>
/// The isolation rule of SPEC §1.1 as queries: what an actor may read. Every service starts from these, so a
/// building outside them is "not found" for that actor whatever the id in the URL.
/// </summary>
/// <summary>What an actor may do in a building, as the policies name it (Actor.IsStaffOf, CanKeepBooks, CanManage).</summary>
public enum BuildingRight
{
    /// <summary>Read the building's management data: syndic, accountant, board member.</summary>
    Staff,
    /// <summary>Keep its books: syndic, accountant.</summary>
    Books,
    /// <summary>Manage it: the syndic.</summary>
    Manage,
}

public static class Access
{
    public static IQueryable<Building> ReadableBuildings(this IKoproGoDb db, Actor actor, DateOnly today)
    {
        if (actor.IsSuperAdmin)
            return db.Buildings;
        var orgWide = actor.Grants.Where(g => g.BuildingId is null && g.Role is Role.Syndic or Role.Accountant)
            .Select(g => g.OrganisationId).Distinct().ToList();
        var perBuilding = actor.Grants.Where(g => g.BuildingId is not null && g.Role is Role.Syndic or Role.Accountant or Role.BoardMember or Role.Tenant)
            .Select(g => g.BuildingId!.Value).Distinct().ToList();
        var ownerIds = actor.OwnerIds.ToList();
        return db.Buildings.Where(b =>
            orgWide.Contains(b.OrganisationId)
            || perBuilding.Contains(b.Id)
            || db.Set<Ownership>().Any(o => ownerIds.Contains(o.OwnerId) && o.StartDate <= today && (o.EndDate == null || o.EndDate > today)
                                      && db.Set<Unit>().Any(u => u.Id == o.UnitId && u.BuildingId == b.Id)));
    }

    /// <summary>The building if the actor is its syndic (or SuperAdmin); otherwise NotFound/Forbidden. Tracked: the caller may change it.</summary>
    public static Task<Result<Building>> ManagedBuildingAsync(this IKoproGoDb db, Actor actor, Guid buildingId, DateOnly today, CancellationToken ct) =>
        BuildingIfAsync(db.ReadableBuildings(actor, today), buildingId, b => actor.CanManage(b.OrganisationId, b.Id), ct);

    /// <summary>The building if the actor keeps its books (syndic, accountant) or is SuperAdmin.</summary>
    public static Task<Result<Building>> BooksBuildingAsync(this IKoproGoDb db, Actor actor, Guid buildingId, DateOnly today, CancellationToken ct) =>
        BuildingIfAsync(db.ReadableBuildings(actor, today).AsNoTracking(), buildingId, b => actor.CanKeepBooks(b.OrganisationId, b.Id), ct);

    /// <summary>
    /// The first steps of a bookkeeping command on one record (the shared command path): the building, read from the
    /// record, must be one whose books the actor keeps (else "not found" or "forbidden", as <see cref="BooksBuildingAsync"/>
    /// says), then the record's row is locked until the end of the open transaction and read for the change. The
    /// check comes before the lock, so nobody outside the building can hold its rows.
    /// </summary>
    public static async Task<Result<(T Record, Building Building)>> LockedBooksRecordAsync<T>(this IKoproGoDb db, Actor actor, Guid id,
        System.Linq.Expressions.Expression<Func<T, Guid>> buildingOf, DateOnly today, CancellationToken ct) where T : class
    {
        var key = db.Model.FindEntityType(typeof(T))!.FindPrimaryKey()!.Properties.Single().Name;
        var buildingId = await db.Set<T>().Where(e => EF.Property<Guid>(e, key) == id).Select(buildingOf).Take(1).ToListAsync(ct);
        if (buildingId.Count == 0)
            return Errors.NotFoundError;
        var found = await db.BooksBuildingAsync(actor, buildingId[0], today, ct);
        if (!found.Succeeded)
            return Result<(T, Building)>.Fail(found.Errors);
        await db.LockAsync<T>(id, ct);
        return (await db.Set<T>().FirstAsync(e => EF.Property<Guid>(e, key) == id, ct), found.Value);
    }

    /// <summary>The building if the actor is staff of it (syndic, accountant, board member) or SuperAdmin.</summary>
    public static Task<Result<Building>> StaffBuildingAsync(this IKoproGoDb db, Actor actor, Guid buildingId, DateOnly today, CancellationToken ct) =>
        BuildingIfAsync(db.ReadableBuildings(actor, today).AsNoTracking(), buildingId, b => actor.IsStaffOf(b.OrganisationId, b.Id), ct);

    /// <summary>The building if the actor holds that right over it (see the three methods above).</summary>
    public static Task<Result<Building>> BuildingAsync(this IKoproGoDb db, Actor actor, Guid buildingId, BuildingRight right, DateOnly today, CancellationToken ct) =>
        right switch
        {
            BuildingRight.Manage => db.ManagedBuildingAsync(actor, buildingId, today, ct),
            BuildingRight.Books => db.BooksBuildingAsync(actor, buildingId, today, ct),
            _ => db.StaffBuildingAsync(actor, buildingId, today, ct),
        };

    /// <summary>
    /// The first steps of a use case on one building, written once (the shared command path): the input's own rules
    /// (refused before the database is asked), a context for the operation, the actor's right over the building (else
    /// "not found" or "forbidden"); then the use case itself, given the context and the building.
    /// </summary>
    public static async Task<Result<T>> InBuildingAsync<T>(this IKoproGoDbFactory dbs, Actor actor, Guid buildingId, BuildingRight right, DateOnly today,
        Validation input, Func<IKoproGoDb, Building, Task<Result<T>>> run, CancellationToken ct)
    {
        if (!input.IsValid)
            return Result<T>.Fail(input.Errors);
        await using var db = await dbs.CreateAsync(ct);
        var found = await db.BuildingAsync(actor, buildingId, right, today, ct);
        return found.Succeeded ? await run(db, found.Value) : Result<T>.Fail(found.Errors);
    }

    /// <inheritdoc cref="InBuildingAsync{T}(IKoproGoDbFactory, Actor, Guid, BuildingRight, DateOnly, Validation, Func{IKoproGoDb, Building, Task{Result{T}}}, CancellationToken)"/>
    public static Task<Result<T>> InBuildingAsync<T>(this IKoproGoDbFactory dbs, Actor actor, Guid buildingId, BuildingRight right, DateOnly today,
        Func<IKoproGoDb, Building, Task<Result<T>>> run, CancellationToken ct) =>
        dbs.InBuildingAsync(actor, buildingId, right, today, new Validation(), run, ct);

    /// <inheritdoc cref="InBuildingAsync{T}(IKoproGoDbFactory, Actor, Guid, BuildingRight, DateOnly, Validation, Func{IKoproGoDb, Building, Task{Result{T}}}, CancellationToken)"/>
    public static async Task<Result> InBuildingAsync(this IKoproGoDbFactory dbs, Actor actor, Guid buildingId, BuildingRight right, DateOnly today,
        Validation input, Func<IKoproGoDb, Building, Task<Result>> run, CancellationToken ct)
    {
        if (!input.IsValid)
            return Result.Fail(input.Errors);
        await using var db = await dbs.CreateAsync(ct);
        var found = await db.BuildingAsync(actor, buildingId, right, today, ct);
        return found.Succeeded ? await run(db, found.Value) : Result.Fail(found.Errors);
    }

    /// <inheritdoc cref="InBuildingAsync{T}(IKoproGoDbFactory, Actor, Guid, BuildingRight, DateOnly, Validation, Func{IKoproGoDb, Building, Task{Result{T}}}, CancellationToken)"/>
    public static Task<Result> InBuildingAsync(this IKoproGoDbFactory dbs, Actor actor, Guid buildingId, BuildingRight right, DateOnly today,
        Func<IKoproGoDb, Building, Task<Result>> run, CancellationToken ct) =>
        dbs.InBuildingAsync(actor, buildingId, right, today, new Validation(), run, ct);

    /// <summary>
    /// A record and its building, the actor holding the right over that building: a missing record is "not found", one
    /// in a building the actor may not read is "not found" too (its existence is not revealed), one they may read but
    /// not act on "forbidden". The record comes as the query reads it (tracked or not, with its includes).
    /// </summary>
    public static async Task<Result<(T Record, Building Building)>> FindInBuildingAsync<T>(this IQueryable<T> record, IKoproGoDb db, Actor actor,
        Func<T, Guid> buildingOf, BuildingRight right, DateOnly today, CancellationToken ct) where T : class
    {
        var found = await record.FirstOrDefaultAsync(ct);
        if (found is null)
            return Errors.NotFoundError;
        var building = await db.BuildingAsync(actor, buildingOf(found), right, today, ct);
        return building.Succeeded ? (found, building.Value) : Result<(T, Building)>.Fail(building.Errors);
    }

    /// <summary>An owner record of an organisation the actor is staff of (else "not found"), which they manage (else "forbidden"). Tracked.</summary>
    public static async Task<Result<Owner>> ManagedOwnerAsync(this IKoproGoDb db, Actor actor, Guid ownerId, CancellationToken ct)
    {
        var owner = await db.Set<Owner>().FirstOrDefaultAsync(o => o.Id == ownerId, ct);
        if (owner is null || !actor.IsStaffOf(owner.OrganisationId))
            return Errors.NotFoundError;
        return actor.CanManage(owner.OrganisationId) ? owner : Errors.ForbiddenError;
    }

    /// <summary>Not readable: NotFound (its existence is not revealed); readable but not allowed: Forbidden.</summary>
    private static async Task<Result<Building>> BuildingIfAsync(IQueryable<Building> readable, Guid buildingId, Func<Building, bool> allowed, CancellationToken ct)
    {
        var building = await readable.FirstOrDefaultAsync(b => b.Id == buildingId, ct);
        if (building is null)
            return Errors.NotFoundError;
        return allowed(building) ? building : Errors.ForbiddenError;
    }

    /// <summary>The distinct owners holding a lot of the building on a day: who votes in its polls and hears its news.</summary>
    public static IQueryable<Guid> CurrentOwnerIds(this IKoproGoDb db, Guid buildingId, DateOnly today) =>
        db.Ownerships.Where(o => o.StartDate <= today && (o.EndDate == null || o.EndDate > today) && db.Set<Unit>().Any(u => u.Id == o.UnitId && u.BuildingId == buildingId))
            .Select(o => o.OwnerId).Distinct();

    /// <summary>The actor's own owner record among the building's current owners (to vote, book, lend, borrow), if any.</summary>
    public static async Task<Guid?> OwnerInBuildingAsync(this IKoproGoDb db, Actor actor, Guid buildingId, DateOnly today, CancellationToken ct)
    {
        var ownerIds = actor.OwnerIds.ToList();
        if (ownerIds.Count == 0)
            return null;
        return await db.CurrentOwnerIds(buildingId, today).Where(o => ownerIds.Contains(o)).OrderBy(o => o).Select(o => (Guid?)o).FirstOrDefaultAsync(ct);
    }

    /// <summary>Whether the actor may read the building's assemblies and governance: its staff, or one of its current owners.</summary>
    public static async Task<bool> IsStaffOrOwnerAsync(this IKoproGoDb db, Actor actor, Building building, DateOnly today, CancellationToken ct) =>
        actor.IsStaffOf(building.OrganisationId, building.Id) || await db.OwnerInBuildingAsync(actor, building.Id, today, ct) is not null;

    /// <summary>Whether the actor lives in or owns in the building now: a current owner or one of its tenants.</summary>
    public static async Task<bool> IsResidentAsync(this IKoproGoDb db, Actor actor, Guid buildingId, DateOnly today, CancellationToken ct) =>
        actor.TenantBuildingIds.Contains(buildingId) || await db.OwnerInBuildingAsync(actor, buildingId, today, ct) is not null;

    /// <summary>
    /// Who may offer something to the building's community (a shared object, a skill): a current owner of a building the
    /// actor can read, attaching only community photos uploaded to that building. The building and the actor's owner record.
    /// </summary>
    public static async Task<Result<(Building Building, Guid OwnerId)>> CommunityContributorAsync(this IKoproGoDb db, Actor actor, Guid buildingId,
        IEnumerable<Guid> photoIds, string photoField, DateOnly today, CancellationToken ct)
    {
        var building = await db.ReadableBuildings(actor, today).AsNoTracking().FirstOrDefaultAsync(b => b.Id == buildingId, ct);
        if (building is null)
            return Errors.NotFoundError;
        var owner = await db.OwnerInBuildingAsync(actor, buildingId, today, ct);
        if (owner is null)
            return new Error("error.library_not_owner");
        var photos = photoIds.Distinct().ToList();
        if (await db.Files.CountAsync(f => photos.Contains(f.Id) && f.BuildingId == buildingId && f.Use == FileUse.CommunityPhoto, ct) != photos.Count)
            return new Error("error.file_not_image", [], photoField);
        return (building, owner.Value);
    }
}
