using KoproGo.Core.Features.Accounting;

namespace KoproGo.Core.Features.Calls;

/// <summary>The owner's side of the calls: what they were asked, what is left to pay and how, their balance per building.</summary>
public interface IMyAccountService
{
    Task<IReadOnlyList<MyCallLine>> MyCallsAsync(Actor actor, CancellationToken ct);
    Task<IReadOnlyList<MyBalance>> MyBalancesAsync(Actor actor, CancellationToken ct);
}

public sealed class MyAccountService(IKoproGoDbFactory dbFactory, TimeProvider clock) : IMyAccountService
{
    public async Task<IReadOnlyList<MyCallLine>> MyCallsAsync(Actor actor, CancellationToken ct)
    {
        var ownerIds = actor.OwnerIds.ToList();
        if (ownerIds.Count == 0)
            return [];
        await using var db = await dbFactory.CreateAsync(ct);
        var rows = await (from l in db.CallLines.AsNoTracking()
                          join c in db.CallsForFunds on l.CallId equals c.Id
                          join b in db.Buildings on c.BuildingId equals b.Id
                          where ownerIds.Contains(l.OwnerId) && c.Status == CallStatus.Sent
                          orderby c.DueDate descending
                          select new { Line = l, c.Title, c.DueDate, Building = b }).ToListAsync(ct);
        var today = clock.Today();
        return rows.Select(r => new MyCallLine(r.Line.Id, r.Building.Name, r.Title, r.DueDate, r.Line.Total, r.Line.Paid, r.Line.StateOn(today, r.DueDate),
            PaymentInstructions.For(r.Building, r.Line, openOnly: true)
                .Select(p => new MyPaymentPart(p.Fund, p.Amount, BelgianIdentifiers.FormatIban(p.Iban), p.Holder, p.Communication,
                    "data:image/png;base64," + Convert.ToBase64String(EpcQr.Png(p.QrPayload)))).ToList(),
            r.Line.PdfFileId)).ToList();
    }

    public async Task<IReadOnlyList<MyBalance>> MyBalancesAsync(Actor actor, CancellationToken ct)
    {
        var ownerIds = actor.OwnerIds.ToList();
        if (ownerIds.Count == 0)
            return [];
        await using var db = await dbFactory.CreateAsync(ct);
        // the open years only: a closed year's balances are carried into the next year's opening entry
        var rows = await (from l in db.JournalLines
                          join a in db.Accounts on l.AccountId equals a.Id
                          join y in db.FiscalYears on l.FiscalYearId equals y.Id
                          join b in db.Buildings on y.BuildingId equals b.Id
                          where l.OwnerId != null && ownerIds.Contains(l.OwnerId.Value) && a.Code.StartsWith("410") && y.ClosedAt == null
                          group l by new { b.Id, b.Name } into g
                          select new MyBalance(g.Key.Id, g.Key.Name, g.Sum(x => x.Debit) - g.Sum(x => x.Credit))).ToListAsync(ct);
        return rows.OrderBy(r => r.BuildingName, StringComparer.CurrentCulture).ToList();
    }
}
