using KoproGo.Core.Features.Tickets;

namespace KoproGo.Core.Features.Accounting;

public sealed record KeyRow(Guid Id, string Name, int UnitCount);

/// <param name="WorkReport">The contractor's work report the invoice pays for, if linked: its ticket and state.</param>
public sealed record InvoiceRow(Guid Id, string Supplier, string Number, DateOnly InvoiceDate, DateOnly? DueDate, InvoiceStatus Status, decimal TotalInclVat,
    string? KeyName, string? RejectionReason, WorkReportChoice? WorkReport = null);

/// <summary>A work report an invoice can be linked to: the ticket it closes, who did it, where it stands.</summary>
public sealed record WorkReportChoice(Guid Id, Guid TicketId, string TicketTitle, WorkReportStatus Status, decimal MaterialsTotal);

public sealed record AllocationRow(string UnitNumber, string OwnerName, decimal Amount);

public sealed record InvoiceDetail(InvoiceRow Invoice, IReadOnlyList<InvoiceLine> Lines, IReadOnlyList<AllocationRow> Allocations, Guid? FileId, Guid SupplierId, Guid? DistributionKeyId);

public sealed record UnitWeight(Guid UnitId, string Number, int Shares);

public interface IInvoiceService
{
    Task<Result<IReadOnlyList<KeyRow>>> KeysAsync(Actor actor, Guid buildingId, CancellationToken ct);
    Task<Result<IReadOnlyList<UnitWeight>>> UnitsAsync(Actor actor, Guid buildingId, CancellationToken ct);
    Task<Result<Guid>> CreateKeyAsync(Actor actor, Guid buildingId, DistributionKeyInput input, CancellationToken ct);
    Task<Result<IReadOnlyList<InvoiceRow>>> ListAsync(Actor actor, Guid buildingId, InvoiceStatus? status, CancellationToken ct);
    Task<Result<InvoiceDetail>> GetAsync(Actor actor, Guid invoiceId, CancellationToken ct);
    Task<Result<Guid>> SaveDraftAsync(Actor actor, Guid buildingId, Guid? invoiceId, InvoiceInput input, CancellationToken ct);
    Task<Result> DeleteDraftAsync(Actor actor, Guid invoiceId, CancellationToken ct);
    /// <summary>The building's approved work reports, newest first, for linking an invoice to the job it pays (those who keep the books).</summary>
    Task<Result<IReadOnlyList<WorkReportChoice>>> WorkReportsAsync(Actor actor, Guid buildingId, CancellationToken ct);
    Task<Result> SubmitAsync(Actor actor, Guid invoiceId, CancellationToken ct);
    /// <summary>
    /// The syndic approves: posts the ACH entry (charge accounts / 440 supplier) and spreads the total over the owners.
    /// An invoice with a line on a works account (611 by default) needs its approved work report linked.
    /// </summary>
    Task<Result> ApproveAsync(Actor actor, Guid invoiceId, CancellationToken ct);
    Task<Result> RejectAsync(Actor actor, Guid invoiceId, string? reason, CancellationToken ct);
    Task<Result> ReopenAsync(Actor actor, Guid invoiceId, CancellationToken ct);
    /// <summary>Records the payment: posts the FIN entry (440 supplier / 551 bank).</summary>
    Task<Result> PayAsync(Actor actor, Guid invoiceId, DateOnly paidOn, CancellationToken ct);
}

public sealed class InvoiceService(IKoproGoDbFactory dbFactory, JournalPoster poster, TimeProvider clock) : IInvoiceService
{
    public Task<Result<IReadOnlyList<KeyRow>>> KeysAsync(Actor actor, Guid buildingId, CancellationToken ct) =>
        dbFactory.InBuildingAsync<IReadOnlyList<KeyRow>>(actor, buildingId, BuildingRight.Staff, clock.Today(), async (db, _) =>
        {
            return await db.DistributionKeys.AsNoTracking().Where(k => k.BuildingId == buildingId).OrderBy(k => k.Name)
                .Select(k => new KeyRow(k.Id, k.Name, k.Units.Count(u => u.Weight > 0))).ToListAsync(ct);
        }, ct);

    public Task<Result<IReadOnlyList<UnitWeight>>> UnitsAsync(Actor actor, Guid buildingId, CancellationToken ct) =>
        dbFactory.InBuildingAsync<IReadOnlyList<UnitWeight>>(actor, buildingId, BuildingRight.Staff, clock.Today(), async (db, _) =>
        {
            return await db.Units.AsNoTracking().Where(u => u.BuildingId == buildingId).OrderBy(u => u.Number)
                .Select(u => new UnitWeight(u.Id, u.Number, u.Shares)).ToListAsync(ct);
        }, ct);

    public Task<Result<Guid>> CreateKeyAsync(Actor actor, Guid buildingId, DistributionKeyInput input, CancellationToken ct) =>
        dbFactory.InBuildingAsync<Guid>(actor, buildingId, BuildingRight.Books, clock.Today(), input.Validate(), async (db, building) =>
        {
            var unitIds = input.Weights.Keys.ToList();
            if (await db.Units.CountAsync(u => unitIds.Contains(u.Id) && u.BuildingId == buildingId, ct) != unitIds.Count)
                return Errors.NotFoundError;
            var key = DistributionKey.Create(buildingId, input.Name!, input.Weights.Where(w => w.Value > 0).Select(w => (w.Key, w.Value)));
            db.DistributionKeys.Add(key);
            db.Audit(actor, clock, "key.created", nameof(DistributionKey), key.Id, building.OrganisationId, buildingId, $"{key.Name} ({key.Units.Count})");
            await db.SaveChangesAsync(ct);
            return key.Id;
        }, ct);

    public Task<Result<IReadOnlyList<InvoiceRow>>> ListAsync(Actor actor, Guid buildingId, InvoiceStatus? status, CancellationToken ct) =>
        dbFactory.InBuildingAsync<IReadOnlyList<InvoiceRow>>(actor, buildingId, BuildingRight.Staff, clock.Today(), async (db, _) =>
        {
            var invoices = db.SupplierInvoices.AsNoTracking().Where(i => i.BuildingId == buildingId);
            if (status is { } s)
                invoices = invoices.Where(i => i.Status == s);
            var rows = await (from i in invoices
                              join sup in db.Suppliers on i.SupplierId equals sup.Id
                              orderby i.InvoiceDate descending, i.CreatedAt descending
                              select new
                              {
                                  Invoice = i,
                                  Supplier = sup.Name,
                                  Key = db.Set<DistributionKey>().Where(k => k.Id == i.DistributionKeyId).Select(k => k.Name).FirstOrDefault(),
                                  Total = i.Lines.Sum(l => l.AmountInclVat)
                              })
                .ToListAsync(ct);
            var reports = await ReportChoicesAsync(db, rows.Select(r => r.Invoice.WorkReportId).OfType<Guid>().ToList(), ct);
            return rows.Select(r => Row(r.Invoice, r.Supplier, r.Key, r.Total, reports)).ToList();
        }, ct);

    private static InvoiceRow Row(SupplierInvoice i, string supplier, string? key, decimal total, IReadOnlyDictionary<Guid, WorkReportChoice> reports) =>
        new(i.Id, supplier, i.Number, i.InvoiceDate, i.DueDate, i.Status, total, key, i.RejectionReason, i.WorkReportId is { } r ? reports.GetValueOrDefault(r) : null);

    private static async Task<Dictionary<Guid, WorkReportChoice>> ReportChoicesAsync(IKoproGoDb db, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        ids.Count == 0 ? [] : await (from r in db.WorkReports.AsNoTracking()
                                     join t in db.Tickets on r.TicketId equals t.Id
                                     where ids.Contains(r.Id)
                                     select new WorkReportChoice(r.Id, t.Id, t.Title, r.Status, r.MaterialsTotal)).ToDictionaryAsync(r => r.Id, ct);

    public Task<Result<IReadOnlyList<WorkReportChoice>>> WorkReportsAsync(Actor actor, Guid buildingId, CancellationToken ct) =>
        dbFactory.InBuildingAsync<IReadOnlyList<WorkReportChoice>>(actor, buildingId, BuildingRight.Books, clock.Today(), async (db, _) =>
        {
            return await (from r in db.WorkReports.AsNoTracking()
                          join t in db.Tickets on r.TicketId equals t.Id
                          where r.BuildingId == buildingId && r.Status == WorkReportStatus.Approved
                          orderby r.DecidedAt descending
                          select new WorkReportChoice(r.Id, t.Id, t.Title, r.Status, r.MaterialsTotal)).ToListAsync(ct);
        }, ct);

    public async Task<Result<InvoiceDetail>> GetAsync(Actor actor, Guid invoiceId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var found = await db.SupplierInvoices.AsNoTracking().Include(i => i.Lines).Where(i => i.Id == invoiceId).FindInBuildingAsync(db, actor, i => i.BuildingId, BuildingRight.Staff, clock.Today(), ct);
        if (!found.Succeeded)
            return Result<InvoiceDetail>.Fail(found.Errors);
        var (invoice, _) = found.Value;
        var supplier = await db.Suppliers.Where(s => s.Id == invoice.SupplierId).Select(s => s.Name).FirstAsync(ct);
        var key = await db.DistributionKeys.Where(k => k.Id == invoice.DistributionKeyId).Select(k => k.Name).FirstOrDefaultAsync(ct);
        var allocations = await (from a in db.ChargeAllocations.AsNoTracking()
                                 join u in db.Units on a.UnitId equals u.Id
                                 join o in db.Owners on a.OwnerId equals o.Id
                                 where a.InvoiceId == invoiceId
                                 orderby u.Number
                                 select new { u.Number, Owner = o, a.Amount }).ToListAsync(ct);
        var reports = await ReportChoicesAsync(db, invoice.WorkReportId is { } r ? [r] : [], ct);
        return new InvoiceDetail(Row(invoice, supplier, key, invoice.TotalInclVat, reports), invoice.Lines.OrderBy(l => l.Id).ToList(),
            allocations.Select(a => new AllocationRow(a.Number, a.Owner.DisplayName, a.Amount)).ToList(), invoice.FileId, invoice.SupplierId, invoice.DistributionKeyId);
    }

    public Task<Result<Guid>> SaveDraftAsync(Actor actor, Guid buildingId, Guid? invoiceId, InvoiceInput input, CancellationToken ct) =>
        dbFactory.InBuildingAsync<Guid>(actor, buildingId, BuildingRight.Books, clock.Today(), input.Validate(), async (db, building) =>
        {
            var organisationId = building.OrganisationId;
            var reference = await CheckReferencesAsync(db, organisationId, buildingId, input, ct);
            if (reference is not null)
                return reference;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            SupplierInvoice invoice;
            if (invoiceId is { } id)
            {
                // the lock approval takes: lines cannot change under an approval, nor after it
                await db.LockAsync<SupplierInvoice>(id, ct);
                var existing = await db.SupplierInvoices.Include(i => i.Lines).FirstOrDefaultAsync(i => i.Id == id && i.BuildingId == buildingId, ct);
                if (existing is null)
                    return Errors.NotFoundError;
                if (existing.Status != InvoiceStatus.Draft)
                    return Error.Of("error.invoice_status", existing.Status.ToString());
                db.InvoiceLines.RemoveRange(existing.Lines);
                existing.Update(input);
                invoice = existing;
            }
            else
            {
                invoice = SupplierInvoice.Create(organisationId, buildingId, input, clock.GetUtcNow());
                db.SupplierInvoices.Add(invoice);
            }
            db.Audit(actor, clock, invoiceId is null ? "invoice.created" : "invoice.updated", nameof(SupplierInvoice), invoice.Id, organisationId, buildingId,
                $"{invoice.Number} {invoice.TotalInclVat:0.00}");
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                return new Error("error.invoice_duplicate", [], nameof(InvoiceInput.Number));
            }
            await tx.CommitAsync(ct);
            return invoice.Id;
        }, ct);

    private static async Task<Error?> CheckReferencesAsync(IKoproGoDb db, Guid organisationId, Guid buildingId, InvoiceInput input, CancellationToken ct)
    {
        if (!await db.Suppliers.AnyAsync(s => s.Id == input.SupplierId && s.OrganisationId == organisationId, ct))
            return new Error(Errors.NotFound, [], nameof(InvoiceInput.SupplierId));
        if (input.DistributionKeyId is { } keyId && !await db.DistributionKeys.AnyAsync(k => k.Id == keyId && k.BuildingId == buildingId, ct))
            return new Error(Errors.NotFound, [], nameof(InvoiceInput.DistributionKeyId));
        if (input.FileId is { } fileId && !await db.Files.AnyAsync(f => f.Id == fileId && f.BuildingId == buildingId, ct))
            return new Error(Errors.NotFound, [], nameof(InvoiceInput.FileId));
        if (input.WorkReportId is { } reportId && !await db.WorkReports.AnyAsync(r => r.Id == reportId && r.BuildingId == buildingId, ct))
            return new Error(Errors.NotFound, [], nameof(InvoiceInput.WorkReportId));
        var accountIds = input.Lines.Select(l => l.AccountId!.Value).Distinct().ToList();
        var accounts = await db.Accounts.Where(a => accountIds.Contains(a.Id) && a.OrganisationId == organisationId).Select(a => a.Code).ToListAsync(ct);
        // a charge goes to a charge account (class 6)
        if (accounts.Count != accountIds.Count || accounts.Any(c => c[0] != '6'))
            return new Error("error.invoice_charge_account", [], "Lines");
        return null;
    }

    public async Task<Result> DeleteDraftAsync(Actor actor, Guid invoiceId, CancellationToken ct) =>
        await ChangeAsync(actor, invoiceId, "invoice.deleted", (db, invoice) =>
        {
            if (invoice.Status != InvoiceStatus.Draft)
                return Task.FromResult<Result>(Error.Of("error.invoice_status", invoice.Status.ToString()));
            db.InvoiceLines.RemoveRange(invoice.Lines);
            db.SupplierInvoices.Remove(invoice);
            return Task.FromResult(Result.Ok());
        }, ct);

    public Task<Result> SubmitAsync(Actor actor, Guid invoiceId, CancellationToken ct) =>
        ChangeAsync(actor, invoiceId, "invoice.submitted", (_, invoice) => { invoice.Submit(); return Task.FromResult(Result.Ok()); }, ct);

    public Task<Result> ReopenAsync(Actor actor, Guid invoiceId, CancellationToken ct) =>
        ChangeAsync(actor, invoiceId, "invoice.reopened", (_, invoice) => { invoice.Reopen(); return Task.FromResult(Result.Ok()); }, ct);

    public Task<Result> RejectAsync(Actor actor, Guid invoiceId, string? reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason))
            return Task.FromResult<Result>(new Error("error.rejection_reason", [], "Reason"));
        if (reason.Trim().Length > SupplierInvoice.ReasonMax)
            return Task.FromResult<Result>(new Error(Errors.TooLong, [SupplierInvoice.ReasonMax], "Reason"));
        return ChangeAsync(actor, invoiceId, "invoice.rejected", (_, invoice) => { invoice.Reject(reason); return Task.FromResult(Result.Ok()); }, ct, approval: true);
    }

    public Task<Result> ApproveAsync(Actor actor, Guid invoiceId, CancellationToken ct) =>
        ChangeAsync(actor, invoiceId, "invoice.approved", async (db, invoice) =>
        {
            if (invoice.Status != InvoiceStatus.PendingApproval)
                return Error.Of("error.invoice_status", invoice.Status.ToString());
            var accounts = await db.Accounts.Where(a => a.OrganisationId == invoice.OrganisationId).ToListAsync(ct);
            // works are paid for what was done: the contractor's report, approved by the syndic, comes first (SPEC §3.3, §6.3)
            var works = accounts.Where(a => a.IsWorks).Select(a => a.Id).ToHashSet();
            if (invoice.Lines.Any(l => works.Contains(l.AccountId))
                && !(invoice.WorkReportId is { } reportId
                     && await db.WorkReports.AnyAsync(r => r.Id == reportId && r.BuildingId == invoice.BuildingId && r.Status == WorkReportStatus.Approved, ct)))
                return new Error("error.invoice_works_report", [], nameof(InvoiceInput.WorkReportId));
            var lines = invoice.Lines.GroupBy(l => l.AccountId)
                .Select(g => new LineDraft { AccountId = g.Key, Debit = g.Sum(l => l.AmountInclVat) }).ToList();
            lines.Add(new LineDraft { AccountId = accounts.Single(a => a.Code == StandardChart.Suppliers).Id, SupplierId = invoice.SupplierId, Credit = invoice.TotalInclVat });
            var supplier = await db.Suppliers.Where(s => s.Id == invoice.SupplierId).Select(s => s.Name).FirstAsync(ct);
            var posted = await poster.PostAsync(db, actor, invoice.OrganisationId, new EntryDraft
            {
                BuildingId = invoice.BuildingId,
                Date = invoice.InvoiceDate,
                Journal = Journal.ACH,
                Kind = EntryKind.SupplierInvoice,
                Description = $"{supplier} {invoice.Number}",
                DocumentRef = invoice.Number,
                Lines = lines,
            }, ct);
            if (!posted.Succeeded)
                return Result.Fail(posted.Errors);

            // decided line by line: works and major repairs (accounts flagged so, 611 by default) fall on the bare owner of a
            // split lot, everything else on the usufructuary (Civil Code Art. 3.150)
            var isWorks = accounts.ToDictionary(a => a.Id, a => a.IsWorks);
            foreach (var group in invoice.Lines.GroupBy(l => isWorks[l.AccountId]))
            {
                var units = await UnitChargesAsync(db, invoice, group.Key, ct);
                var allocation = ChargeDistribution.Allocate(group.Sum(l => l.AmountInclVat), units);
                if (allocation is null)
                    return new Error("error.invoice_unit_without_owner", [string.Join(", ", units.Where(u => u.Weight > 0 && u.Payers.Count == 0).Select(u => u.UnitNumber))]);
                db.ChargeAllocations.AddRange(allocation.Select(a => ChargeAllocation.Create(invoice.Id, a.UnitId, a.OwnerId, a.Amount, group.Key)));
            }
            invoice.Approve(posted.Value.Id);
            return Result.Ok();
        }, ct, approval: true);

    public Task<Result> PayAsync(Actor actor, Guid invoiceId, DateOnly paidOn, CancellationToken ct) =>
        ChangeAsync(actor, invoiceId, "invoice.paid", async (db, invoice) =>
        {
            if (invoice.Status != InvoiceStatus.Approved)
                return Error.Of("error.invoice_status", invoice.Status.ToString());
            var accounts = await db.Accounts.Where(a => a.OrganisationId == invoice.OrganisationId && (a.Code == StandardChart.Suppliers || a.Code == StandardChart.BankCurrent))
                .ToDictionaryAsync(a => a.Code, a => a.Id, ct);
            var supplier = await db.Suppliers.Where(s => s.Id == invoice.SupplierId).Select(s => s.Name).FirstAsync(ct);
            var posted = await poster.PostAsync(db, actor, invoice.OrganisationId, new EntryDraft
            {
                BuildingId = invoice.BuildingId,
                Date = paidOn,
                Journal = Journal.FIN,
                Kind = EntryKind.ExpensePayment,
                Description = $"{supplier} {invoice.Number}",
                DocumentRef = invoice.Number,
                Lines =
                [
                    new() { AccountId = accounts[StandardChart.Suppliers], SupplierId = invoice.SupplierId, Debit = invoice.TotalInclVat },
                    new() { AccountId = accounts[StandardChart.BankCurrent], Credit = invoice.TotalInclVat },
                ],
            }, ct);
            if (!posted.Succeeded)
                return Result.Fail(posted.Errors);
            invoice.MarkPaid(posted.Value.Id, paidOn);
            return Result.Ok();
        }, ct);

    /// <summary>The lots the charge is spread over (the key's, or all by shares) and who pays for each today.</summary>
    private async Task<List<UnitCharge>> UnitChargesAsync(IKoproGoDb db, SupplierInvoice invoice, bool works, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().Where(u => u.BuildingId == invoice.BuildingId).ToListAsync(ct);
        var weights = invoice.DistributionKeyId is { } keyId
            ? await db.DistributionKeyUnits.Where(k => k.KeyId == keyId).ToDictionaryAsync(k => k.UnitId, k => k.Weight, ct)
            : units.ToDictionary(u => u.Id, u => (decimal)u.Shares);
        var on = invoice.InvoiceDate;
        var unitIds = units.Select(u => u.Id).ToList();
        var ownerships = await db.Ownerships.AsNoTracking()
            .Where(o => unitIds.Contains(o.UnitId) && o.StartDate <= on && (o.EndDate == null || o.EndDate > on)).ToListAsync(ct);
        return units.OrderBy(u => u.Number, StringComparer.Ordinal).Select(u =>
        {
            var rows = ownerships.Where(o => o.UnitId == u.Id).ToList();
            var payers = rows.Any(r => r.Kind == OwnershipKind.Full)
                ? rows.Where(r => r.Kind == OwnershipKind.Full)
                : rows.Where(r => r.Kind == (works ? OwnershipKind.BareOwnership : OwnershipKind.Usufruct));
            return new UnitCharge(u.Id, u.Number, weights.GetValueOrDefault(u.Id), payers.Select(p => new Payer(p.OwnerId, p.Percentage)).ToList());
        }).ToList();
    }

    /// <summary>
    /// Loads the invoice under a row lock (two clicks on "approve" approve once), checks the actor (books for most steps,
    /// the syndic for approval and rejection), applies the change and audits it, all in one transaction.
    /// </summary>
    private async Task<Result> ChangeAsync(Actor actor, Guid invoiceId, string action, Func<IKoproGoDb, SupplierInvoice, Task<Result>> change, CancellationToken ct, bool approval = false)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var buildingId = await db.SupplierInvoices.Where(i => i.Id == invoiceId).Select(i => (Guid?)i.BuildingId).FirstOrDefaultAsync(ct);
        if (buildingId is null)
            return Errors.NotFoundError;
        var found = approval
            ? await db.ManagedBuildingAsync(actor, buildingId.Value, clock.Today(), ct)
            : await db.BooksBuildingAsync(actor, buildingId.Value, clock.Today(), ct);
        if (!found.Succeeded)
            return Result.Fail(found.Errors);
        await db.LockAsync<SupplierInvoice>(invoiceId, ct);
        var invoice = await db.SupplierInvoices.Include(i => i.Lines).FirstAsync(i => i.Id == invoiceId, ct);
        Result result;
        try
        {
            result = await change(db, invoice);
        }
        catch (BusinessRuleException e)
        {
            return e.Error;
        }
        if (!result.Succeeded)
            return result;
        db.Audit(actor, clock, action, nameof(SupplierInvoice), invoice.Id, invoice.OrganisationId, invoice.BuildingId, $"{invoice.Number} {invoice.TotalInclVat:0.00}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result.Ok();
    }
}
