namespace KoproGo.Core.Features.Accounting;

/// <summary>
/// The person's owner accounts (sub-ledger 410) and their shares of expenses. An unpaid balance blocks an erasure;
/// otherwise the books stay as they are (legal retention), pointing to the owner row that the erasure pseudonymises.
/// </summary>
public sealed class AccountingPersonalData : IPersonalDataContributor
{
    public string Section => "accounting";

    public async Task<object?> ExportAsync(IKoproGoDb db, DataSubject subject, CancellationToken ct)
    {
        var lines = await (from l in db.JournalLines.AsNoTracking()
                           join e in db.JournalEntries on l.EntryId equals e.Id
                           join a in db.Accounts on l.AccountId equals a.Id
                           join b in db.Buildings on e.BuildingId equals b.Id
                           where l.OwnerId != null && subject.OwnerIds.Contains(l.OwnerId.Value)
                           orderby e.Date, e.Reference
                           select new { Building = b.Name, e.Date, e.Reference, e.Description, Account = a.Code, l.Debit, l.Credit }).ToListAsync(ct);
        var charges = await (from c in db.ChargeAllocations.AsNoTracking()
                             join i in db.SupplierInvoices on c.InvoiceId equals i.Id
                             join s in db.Suppliers on i.SupplierId equals s.Id
                             join u in db.Units on c.UnitId equals u.Id
                             where subject.OwnerIds.Contains(c.OwnerId)
                             orderby i.InvoiceDate
                             select new { i.InvoiceDate, Supplier = s.Name, Invoice = i.Number, Unit = u.Number, c.Amount }).ToListAsync(ct);
        return new { Postings = lines, ChargeShares = charges };
    }

    public async Task<IReadOnlyList<ErasureBlocker>> BlockersAsync(IKoproGoDb db, DataSubject subject, DateOnly today, CancellationToken ct)
    {
        // opening entries repeat the balances of closed years: the true balance is every other line
        var balances = await (from l in db.JournalLines
                              join e in db.JournalEntries on l.EntryId equals e.Id
                              join a in db.Accounts on l.AccountId equals a.Id
                              join b in db.Buildings on e.BuildingId equals b.Id
                              where l.OwnerId != null && subject.OwnerIds.Contains(l.OwnerId.Value) && e.Kind != EntryKind.Opening && a.Code.StartsWith("410")
                              group l by b.Name into g
                              select new { Building = g.Key, Balance = g.Sum(x => x.Debit) - g.Sum(x => x.Credit) }).ToListAsync(ct);
        return balances.Where(b => b.Balance > 0).Select(b => new ErasureBlocker("gdpr.blocker.unpaid", b.Balance, b.Building)).ToList();
    }

    public Task AnonymiseAsync(IKoproGoDb db, DataSubject subject, string pseudonym, DateTimeOffset now, CancellationToken ct) => Task.CompletedTask;
}
