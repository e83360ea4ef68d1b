using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Documents;

namespace KoproGo.Core.Features.Calls;

public sealed record CallRow(Guid Id, string Title, CallPeriod Period, DateOnly CallDate, DateOnly DueDate, decimal Total, decimal Paid, CallState State, SendingState? Sending = null);

public sealed record PreviewLine(Guid OwnerId, string OwnerName, string Lots, decimal Ordinary, decimal Extraordinary, decimal Reserve, decimal Total);

public sealed record CallLineRow(Guid Id, Guid OwnerId, string OwnerName, string Lots, decimal Ordinary, decimal Extraordinary, decimal Reserve, decimal Total,
    decimal Paid, string StructuredCommunication, LineState State, Guid? PdfFileId, bool ByPost)
{
    /// <summary>The reserve part's own communication (paid to the reserve account), if the line has one.</summary>
    public string? ReserveCommunication { get; init; }
    public decimal PaidReserve { get; init; }
}

public sealed record CallDetail(CallRow Call, IReadOnlyList<CallLineRow> Lines);

/// <summary>An owner's line as the owner portal shows it, with what their banking app scans.</summary>
public sealed record MyCallLine(Guid LineId, string BuildingName, string Title, DateOnly DueDate, decimal Total, decimal Paid, LineState State,
    IReadOnlyList<MyPaymentPart> ToPay, Guid? PdfFileId);

/// <summary>One transfer still to make for a call line (working or reserve fund), with the QR code a banking app scans.</summary>
public sealed record MyPaymentPart(Fund Fund, decimal Amount, string Iban, string Holder, string Communication, string QrPngDataUri);

/// <summary>What an owner owes (positive) or has in credit (negative) in one building, from the owner accounts 410x.</summary>
public sealed record MyBalance(Guid BuildingId, string BuildingName, decimal Balance);

public interface ICallService
{
    Task<Result<IReadOnlyList<CallRow>>> ListAsync(Actor actor, Guid buildingId, CancellationToken ct);
    /// <summary>The owners' amounts the call would ask, before anything is saved or sent.</summary>
    Task<Result<IReadOnlyList<PreviewLine>>> PreviewAsync(Actor actor, Guid buildingId, CallInput input, CancellationToken ct);
    Task<Result<Guid>> SaveDraftAsync(Actor actor, Guid buildingId, Guid? callId, CallInput input, CancellationToken ct);
    Task<Result> CancelAsync(Actor actor, Guid callId, CancellationToken ct);
    Task<Result<CallDetail>> GetAsync(Actor actor, Guid callId, CancellationToken ct);
}

public sealed class CallOptions
{
    /// <summary>Up to this many owners a call is sent while the syndic waits; above, by a Hangfire job with progress.</summary>
    public int InlineSendMaxOwners { get; set; } = 100;
}

/// <summary>Drafting a call for funds: the list, the preview of the owners' shares, the draft, its cancellation.</summary>
public sealed class CallService(IKoproGoDbFactory dbFactory, TimeProvider clock) : ICallService
{
    public Task<Result<IReadOnlyList<CallRow>>> ListAsync(Actor actor, Guid buildingId, CancellationToken ct) =>
        dbFactory.InBuildingAsync<IReadOnlyList<CallRow>>(actor, buildingId, BuildingRight.Staff, clock.Today(), async (db, _) =>
        {
            var calls = await db.CallsForFunds.AsNoTracking().Include(c => c.Lines).Where(c => c.BuildingId == buildingId)
                .OrderByDescending(c => c.CallDate).ThenByDescending(c => c.CreatedAt).ToListAsync(ct);
            var today = clock.Today();
            var ids = calls.Select(c => c.Id).ToList();
            var sendings = await db.CallSendings.AsNoTracking().Where(s => ids.Contains(s.CallId)).ToDictionaryAsync(s => s.CallId, ct);
            return calls.Select(c => Row(c, today, sendings.GetValueOrDefault(c.Id))).ToList();
        }, ct);

    internal static CallRow Row(CallForFunds c, DateOnly today, CallSending? sending = null) =>
        new(c.Id, c.Title, c.Period, c.CallDate, c.DueDate, c.Total, c.Lines.Sum(l => l.Paid), c.StateOn(today),
            sending is null ? null : new SendingState(sending.Done, sending.Total, sending.Running, sending.Error));

    public Task<Result<IReadOnlyList<PreviewLine>>> PreviewAsync(Actor actor, Guid buildingId, CallInput input, CancellationToken ct) =>
        dbFactory.InBuildingAsync<IReadOnlyList<PreviewLine>>(actor, buildingId, BuildingRight.Staff, clock.Today(), input.Validate(), async (db, building) =>
        {
            var shares = await AllocateAsync(db, building, input.CallDate!.Value, input.Ordinary, input.Extraordinary, input.Reserve, ct);
            if (!shares.Succeeded)
                return Result<IReadOnlyList<PreviewLine>>.Fail(shares.Errors);
            var ids = shares.Value.Select(s => s.OwnerId).ToList();
            var names = await db.Owners.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
            return shares.Value.Select(s => new PreviewLine(s.OwnerId, names[s.OwnerId].DisplayName, s.Lots, s.Ordinary, s.Extraordinary, s.Reserve, s.Total)).ToList();
        }, ct);

    /// <summary>The owners' shares on a date; refused when the lots' shares do not add up to the building's total.</summary>
    internal static async Task<Result<IReadOnlyList<OwnerCallShare>>> AllocateAsync(IKoproGoDb db, Building building, DateOnly on, decimal ordinary, decimal extraordinary, decimal reserve, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().Where(u => u.BuildingId == building.Id).OrderBy(u => u.Number).ToListAsync(ct);
        var allocated = units.Sum(u => u.Shares);
        if (allocated != building.TotalShares)
            return Error.Of("error.call_shares_gap", allocated, building.TotalShares, building.TotalShares - allocated);
        var unitIds = units.Select(u => u.Id).ToList();
        var rights = await db.Ownerships.AsNoTracking().Where(o => unitIds.Contains(o.UnitId) && o.StartDate <= on && (o.EndDate == null || o.EndDate > on)).ToListAsync(ct);
        var lots = units.Select(u => new LotHolding(u.Id, u.Number, u.Shares,
            rights.Where(r => r.UnitId == u.Id).Select(r => (r.OwnerId, r.Kind, r.Percentage)).ToList())).ToList();
        var shares = CallAllocation.Compute(lots, building.TotalShares, ordinary, extraordinary, reserve);
        if (shares is null)
            return Error.Of("error.invoice_unit_without_owner", string.Join(", ", lots.Where(l => l.Shares > 0 && l.Rights.Count == 0).Select(l => l.Number)));
        return Result<IReadOnlyList<OwnerCallShare>>.Ok(shares);
    }

    public Task<Result<Guid>> SaveDraftAsync(Actor actor, Guid buildingId, Guid? callId, CallInput input, CancellationToken ct) =>
        dbFactory.InBuildingAsync<Guid>(actor, buildingId, BuildingRight.Books, clock.Today(), input.Validate(), async (db, building) =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            CallForFunds call;
            if (callId is { } id)
            {
                // the lock the sending takes: an edit never lands on a call that is being sent
                await db.LockAsync<CallForFunds>(id, ct);
                var existing = await db.CallsForFunds.FirstOrDefaultAsync(c => c.Id == id && c.BuildingId == buildingId, ct);
                if (existing is null)
                    return Errors.NotFoundError;
                if (existing.Status != CallStatus.Draft)
                    return Error.Of("error.call_status", existing.Status.ToString());
                existing.Update(input);
                call = existing;
            }
            else
            {
                call = CallForFunds.Create(building.OrganisationId, buildingId, input, clock.GetUtcNow());
                db.CallsForFunds.Add(call);
            }
            db.Audit(actor, clock, callId is null ? "call.created" : "call.updated", nameof(CallForFunds), call.Id, building.OrganisationId, buildingId, $"{call.Title} {call.Total:0.00}");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return call.Id;
        }, ct);

    public async Task<Result> CancelAsync(Actor actor, Guid callId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var found = await db.CallsForFunds.Where(c => c.Id == callId).FindInBuildingAsync(db, actor, c => c.BuildingId, BuildingRight.Books, clock.Today(), ct);
        if (!found.Succeeded)
            return Result.Fail(found.Errors);
        var (call, _) = found.Value;
        if (call.Status != CallStatus.Draft)
            return Error.Of("error.call_status", call.Status.ToString());
        call.Cancel();
        db.Audit(actor, clock, "call.cancelled", nameof(CallForFunds), call.Id, call.OrganisationId, call.BuildingId, call.Title);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result<CallDetail>> GetAsync(Actor actor, Guid callId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var found = await db.CallsForFunds.AsNoTracking().Include(c => c.Lines).Where(c => c.Id == callId).FindInBuildingAsync(db, actor, c => c.BuildingId, BuildingRight.Staff, clock.Today(), ct);
        if (!found.Succeeded)
            return Result<CallDetail>.Fail(found.Errors);
        var (call, _) = found.Value;
        var ids = call.Lines.Select(l => l.OwnerId).ToList();
        var names = await db.Owners.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.DisplayName, ct);
        var today = clock.Today();
        return new CallDetail(Row(call, today), call.Lines.OrderBy(l => l.Lots, StringComparer.Ordinal).Select(l => new CallLineRow(l.Id, l.OwnerId, names[l.OwnerId], l.Lots,
            l.Ordinary, l.Extraordinary, l.Reserve, l.Total, l.Paid, l.StructuredCommunication, l.StateOn(today, call.DueDate), l.PdfFileId, l.ByPost)
        { ReserveCommunication = l.ReserveCommunication, PaidReserve = l.PaidReserve }).ToList());
    }

}
