
namespace KoproGo.Core.Features.Accounting;

public sealed record SupplierRow(Guid Id, string Name, string? EnterpriseNumber, string? Iban, string? Email);

public interface ISupplierService
{
    Task<Result<IReadOnlyList<SupplierRow>>> ListAsync(Actor actor, Guid organisationId, CancellationToken ct);
    Task<Result<Guid>> SaveAsync(Actor actor, Guid organisationId, Guid? supplierId, SupplierInput input, CancellationToken ct);
}

public sealed class SupplierService(IKoproGoDbFactory dbFactory, TimeProvider clock) : ISupplierService
{
    public async Task<Result<IReadOnlyList<SupplierRow>>> ListAsync(Actor actor, Guid organisationId, CancellationToken ct)
    {
        // the firm's suppliers serve all its buildings: the bookkeepers' list, not a board member's
        if (!actor.CanKeepBooks(organisationId) && !actor.Grants.Any(g => g.OrganisationId == organisationId && g.Role is Role.Syndic or Role.Accountant))
            return Errors.ForbiddenError;
        await using var db = await dbFactory.CreateAsync(ct);
        return await db.Suppliers.AsNoTracking().Where(s => s.OrganisationId == organisationId).OrderBy(s => s.Name)
            .Select(s => new SupplierRow(s.Id, s.Name, s.EnterpriseNumber, s.Iban, s.Email)).ToListAsync(ct);
    }

    public async Task<Result<Guid>> SaveAsync(Actor actor, Guid organisationId, Guid? supplierId, SupplierInput input, CancellationToken ct)
    {
        if (!actor.CanKeepBooks(organisationId))
            return Errors.ForbiddenError;
        var validation = input.Validate();
        if (!validation.IsValid)
            return Result<Guid>.Fail(validation.Errors);
        await using var db = await dbFactory.CreateAsync(ct);
        Supplier supplier;
        if (supplierId is { } id)
        {
            var found = await db.Suppliers.FirstOrDefaultAsync(s => s.Id == id && s.OrganisationId == organisationId, ct);
            if (found is null)
                return Errors.NotFoundError;
            supplier = found;
            supplier.Update(input);
        }
        else
        {
            supplier = Supplier.Create(organisationId, input);
            db.Suppliers.Add(supplier);
        }
        db.Audit(actor, clock, supplierId is null ? "supplier.created" : "supplier.updated", nameof(Supplier), supplier.Id, organisationId, details: supplier.Name);
        await db.SaveChangesAsync(ct);
        return supplier.Id;
    }
}
