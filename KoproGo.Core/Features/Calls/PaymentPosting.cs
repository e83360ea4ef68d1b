using KoproGo.Core.Common;
using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Owners;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.Core.Features.Calls;

/// <summary>
/// The one way a received payment is booked, by hand or from a bank statement, inside the caller's transaction: the
/// owner's open call lines are paid — the line the payment names first, then the oldest due — and the FIN entry books
/// the bank against the owner's working-fund (4100) and reserve-fund (4101) accounts in the same proportions; what is
/// left stays as a credit on 4100.
/// </summary>
public sealed class PaymentPosting(JournalPoster poster, TimeProvider clock)
{
    public async Task<Result<Payment>> RecordAsync(IKoproGoDb db, Actor actor, Building building, Owner owner, DateOnly date, decimal amount,
        PaymentMethod method, string? reference, Guid? namedLineId, CancellationToken ct)
    {
        // locked: two payments never take the same euro of a line
        var openLines = await (from l in db.CallLines
                               join c in db.CallsForFunds on l.CallId equals c.Id
                               where l.OwnerId == owner.Id && c.BuildingId == building.Id && c.Status == CallStatus.Sent && l.Paid < l.Total
                               orderby c.DueDate, c.CreatedAt
                               select l).ToListAsync(ct);
        if (openLines.Count > 0)
        {
            var ids = openLines.Select(l => l.Id).ToList();
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM call_lines WHERE id = ANY({ids}) FOR UPDATE", ct);
        }
        // pay the lines first: the part that settles reserve-fund calls goes back to 4101, the rest (and any credit) to 4100
        var rest = amount;
        var reserve = 0m;
        foreach (var line in openLines.OrderBy(l => l.Id == namedLineId ? 0 : 1))
        {
            var before = rest;
            rest = line.Apply(rest);
            reserve += Money.Cents((before - rest) * line.Reserve / line.Total);
        }
        var accounts = await db.Accounts.Where(a => a.OrganisationId == building.OrganisationId
                && (a.Code == StandardChart.BankCurrent || a.Code == StandardChart.OwnersWorking || a.Code == StandardChart.OwnersReserve))
            .ToDictionaryAsync(a => a.Code, a => a.Id, ct);
        List<LineDraft> lines = [new() { AccountId = accounts[StandardChart.BankCurrent], Debit = amount }];
        if (amount - reserve > 0)
            lines.Add(new() { AccountId = accounts[StandardChart.OwnersWorking], OwnerId = owner.Id, Credit = amount - reserve });
        if (reserve > 0)
            lines.Add(new() { AccountId = accounts[StandardChart.OwnersReserve], OwnerId = owner.Id, Credit = reserve });
        var posted = await poster.PostAsync(db, actor, building.OrganisationId, new EntryDraft
        {
            BuildingId = building.Id,
            Date = date,
            Journal = Journal.FIN,
            Kind = EntryKind.PaymentReceived,
            Description = Texts.Get("accounting.payment_from", building.Language, owner.DisplayName),
            DocumentRef = Text.Clean(reference),
            Lines = lines,
        }, ct);
        if (!posted.Succeeded)
            return Result<Payment>.Fail(posted.Errors);
        var payment = Payment.Create(building.Id, owner.Id, date, amount, method, reference, posted.Value.Id, rest, clock.GetUtcNow());
        db.Payments.Add(payment);
        db.Audit(actor, clock, "payment.recorded", nameof(Payment), payment.Id, building.OrganisationId, building.Id, $"{amount:0.00} {method}");
        return payment;
    }
}
