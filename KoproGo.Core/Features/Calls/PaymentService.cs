using KoproGo.Core.Features.Accounting;

namespace KoproGo.Core.Features.Calls;

public interface IPaymentService
{
    /// <summary>A payment received (by hand): posts FIN 551 / 4100 and pays the owner's open lines, oldest due first; the rest is a credit.</summary>
    Task<Result<Guid>> RecordPaymentAsync(Actor actor, Guid buildingId, PaymentInput input, CancellationToken ct);
}

/// <summary>A payment the syndic records by hand (cash, a transfer seen outside the bank files).</summary>
public sealed class PaymentService(IKoproGoDbFactory dbFactory, PaymentPosting payments, TimeProvider clock) : IPaymentService
{
    public Task<Result<Guid>> RecordPaymentAsync(Actor actor, Guid buildingId, PaymentInput input, CancellationToken ct) =>
        dbFactory.InBuildingAsync<Guid>(actor, buildingId, BuildingRight.Books, clock.Today(), input.Validate(), async (db, building) =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var owner = await db.Owners.AsNoTracking().FirstOrDefaultAsync(o => o.Id == input.OwnerId && o.OrganisationId == building.OrganisationId, ct);
            if (owner is null)
                return new Error(Errors.NotFound, [], nameof(PaymentInput.OwnerId));
            var payment = await payments.RecordAsync(db, actor, building, owner, input.Date!.Value, input.Amount, input.Method, input.Reference, input.Account, null, ct);
            if (!payment.Succeeded)
                return Result<Guid>.Fail(payment.Errors);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return payment.Value.Id;
        }, ct);
}
