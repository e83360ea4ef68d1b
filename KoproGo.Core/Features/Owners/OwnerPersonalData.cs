namespace KoproGo.Core.Features.Owners;

/// <summary>
/// The owner records linked to the account and their ownerships. A current co-owner cannot be erased: the syndic must
/// keep the register of owners (Civil Code Art. 3.89 §5, 3.94) until the lot is sold. After a sale the record stays,
/// under a pseudonym, because the accounting of the years kept (7 by default) refers to it.
/// </summary>
public sealed class OwnerPersonalData : IPersonalDataContributor
{
    public string Section => "owners";

    public async Task<object?> ExportAsync(IKoproGoDb db, DataSubject subject, CancellationToken ct)
    {
        var owners = await db.Owners.AsNoTracking().Where(o => subject.OwnerIds.Contains(o.Id)).ToListAsync(ct);
        var ownerships = await (from s in db.Ownerships.AsNoTracking()
                                join u in db.Units on s.UnitId equals u.Id
                                join b in db.Buildings on u.BuildingId equals b.Id
                                where subject.OwnerIds.Contains(s.OwnerId)
                                orderby s.StartDate
                                select new
                                {
                                    s.OwnerId,
                                    Building = b.Name,
                                    Unit = u.Number,
                                    u.Shares,
                                    BuildingShares = b.TotalShares,
                                    Kind = s.Kind.ToString(),
                                    s.Percentage,
                                    s.IsPrimaryContact,
                                    s.StartDate,
                                    s.EndDate,
                                }).ToListAsync(ct);
        // the accounts they paid from, as the bank reconciliation learnt them
        var accounts = await db.Set<Calls.OwnerBankAccount>().AsNoTracking().Where(a => subject.OwnerIds.Contains(a.OwnerId))
            .Select(a => new { a.OwnerId, a.Iban, a.LearnedAt }).ToListAsync(ct);
        return owners.Select(o => new
        {
            o.Id,
            Kind = o.Kind.ToString(),
            o.FirstName,
            o.LastName,
            o.CompanyName,
            o.EnterpriseNumber,
            o.Email,
            o.Phone,
            o.PostalAddress,
            o.PreferredLanguage,
            o.ConsentsToEmailConvocation,
            Ownerships = ownerships.Where(s => s.OwnerId == o.Id).ToList(),
            BankAccounts = accounts.Where(a => a.OwnerId == o.Id).Select(a => new { a.Iban, a.LearnedAt }).ToList(),
        }).ToList();
    }

    public async Task<IReadOnlyList<ErasureBlocker>> BlockersAsync(IKoproGoDb db, DataSubject subject, DateOnly today, CancellationToken ct)
    {
        var current = await (from s in db.Ownerships
                             join u in db.Units on s.UnitId equals u.Id
                             join b in db.Buildings on u.BuildingId equals b.Id
                             where subject.OwnerIds.Contains(s.OwnerId) && s.StartDate <= today && (s.EndDate == null || s.EndDate > today)
                             orderby b.Name, u.Number
                             select new { Unit = u.Number, Building = b.Name }).Distinct().ToListAsync(ct);
        return current.Select(c => new ErasureBlocker("gdpr.blocker.current_owner", c.Unit, c.Building)).ToList();
    }

    public async Task AnonymiseAsync(IKoproGoDb db, DataSubject subject, string pseudonym, DateTimeOffset now, CancellationToken ct)
    {
        await db.Set<Calls.OwnerBankAccount>().Where(a => subject.OwnerIds.Contains(a.OwnerId)).ExecuteDeleteAsync(ct);
        foreach (var owner in await db.Owners.Where(o => subject.OwnerIds.Contains(o.Id)).ToListAsync(ct))
        {
            // a company's record is the co-ownership's data, not the person's: only the link to the account goes
            if (owner.Kind == OwnerKind.Company)
                owner.UnlinkUser();
            else
                owner.Anonymise(pseudonym, now);
        }
    }
}
