using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.UserAccounts;

namespace KoproGo.Core.Features.Organisations;

public sealed record OrganisationRow(Guid Id, string Name, string ContactEmail, bool IsSuspended, int BuildingCount, int UserCount, DateTimeOffset CreatedAt);

public interface IOrganisationService
{
    Task<Result<IReadOnlyList<OrganisationRow>>> ListAsync(Actor actor, CancellationToken ct);
    /// <summary>Organisations the actor works for (staff grants), for the dashboard and pickers.</summary>
    Task<IReadOnlyList<OrganisationRow>> MineAsync(Actor actor, CancellationToken ct);
    Task<Result<Organisation>> GetAsync(Actor actor, Guid organisationId, CancellationToken ct);
    Task<Result<Guid>> CreateAsync(Actor actor, OrganisationInput input, CancellationToken ct);
    Task<Result> UpdateAsync(Actor actor, Guid organisationId, OrganisationInput input, CancellationToken ct);
    Task<Result> SetSuspendedAsync(Actor actor, Guid organisationId, bool suspended, CancellationToken ct);
}

public sealed class OrganisationService(IKoproGoDbFactory dbFactory, TimeProvider clock) : IOrganisationService
{
    public async Task<Result<IReadOnlyList<OrganisationRow>>> ListAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.IsSuperAdmin)
            return Errors.ForbiddenError;
        await using var db = await dbFactory.CreateAsync(ct);
        return await Rows(db, db.Organisations).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<OrganisationRow>> MineAsync(Actor actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var ids = actor.StaffOrganisationIds.ToList();
        return await Rows(db, actor.IsSuperAdmin ? db.Organisations : db.Organisations.Where(o => ids.Contains(o.Id))).ToListAsync(ct);
    }

    private static IQueryable<OrganisationRow> Rows(IKoproGoDb db, IQueryable<Organisation> source) =>
        source.AsNoTracking().OrderBy(o => o.Name).Select(o => new OrganisationRow(o.Id, o.Name, o.ContactEmail, o.IsSuspended,
            db.Set<Building>().Count(b => b.OrganisationId == o.Id),
            db.Set<Membership>().Where(m => m.OrganisationId == o.Id).Select(m => m.UserId).Distinct().Count(),
            o.CreatedAt));

    public async Task<Result<Organisation>> GetAsync(Actor actor, Guid organisationId, CancellationToken ct)
    {
        if (!actor.IsStaffOf(organisationId))
            return Errors.NotFoundError;
        await using var db = await dbFactory.CreateAsync(ct);
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organisationId, ct);
        return organisation is null ? Errors.NotFoundError : organisation;
    }

    public async Task<Result<Guid>> CreateAsync(Actor actor, OrganisationInput input, CancellationToken ct)
    {
        if (!actor.IsSuperAdmin)
            return Errors.ForbiddenError;
        var validation = input.Validate();
        if (!validation.IsValid)
            return Result<Guid>.Fail(validation.Errors);
        await using var db = await dbFactory.CreateAsync(ct);
        var organisation = Organisation.Create(input, clock.GetUtcNow());
        db.Organisations.Add(organisation);
        // every organisation starts with the standard chart of accounts (RD 12/07/2012)
        db.Accounts.AddRange(StandardChart.Codes.Select(code => Account.Standard(organisation.Id, code)));
        db.Audit(actor, clock, "organisation.created", nameof(Organisation), organisation.Id, organisation.Id, details: organisation.Name);
        await db.SaveChangesAsync(ct);
        return organisation.Id;
    }

    public async Task<Result> UpdateAsync(Actor actor, Guid organisationId, OrganisationInput input, CancellationToken ct)
    {
        if (!actor.CanManage(organisationId))
            return Errors.ForbiddenError;
        var validation = input.Validate();
        if (!validation.IsValid)
            return validation.ToResult();
        await using var db = await dbFactory.CreateAsync(ct);
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == organisationId, ct);
        if (organisation is null)
            return Errors.NotFoundError;
        var requirementBefore = organisation.RequireTwoFactorForStaff;
        organisation.Update(input);
        db.Audit(actor, clock, "organisation.updated", nameof(Organisation), organisation.Id, organisation.Id, details: organisation.Name);
        if (requirementBefore != organisation.RequireTwoFactorForStaff)
            db.Audit(actor, clock, organisation.RequireTwoFactorForStaff ? "organisation.2fa_required" : "organisation.2fa_optional", nameof(Organisation), organisation.Id, organisation.Id);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result> SetSuspendedAsync(Actor actor, Guid organisationId, bool suspended, CancellationToken ct)
    {
        if (!actor.IsSuperAdmin)
            return Errors.ForbiddenError;
        await using var db = await dbFactory.CreateAsync(ct);
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == organisationId, ct);
        if (organisation is null)
            return Errors.NotFoundError;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (suspended)
        {
            organisation.Suspend();
            // the members' open pages lose this organisation's rights at their next check, not at their next sign-in
            await db.RotateSecurityStampsAsync(db.Memberships.Where(m => m.OrganisationId == organisationId).Select(m => m.UserId), ct);
        }
        else
            organisation.Reactivate();
        db.Audit(actor, clock, suspended ? "organisation.suspended" : "organisation.reactivated", nameof(Organisation), organisation.Id, organisation.Id);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result.Ok();
    }
}
