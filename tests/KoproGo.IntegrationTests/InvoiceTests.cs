using KoproGo.Core.Common;
using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Owners;
using KoproGo.Core.Features.Tickets;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.IntegrationTests;

[Collection(DatabaseCollection.Name)]
public class InvoiceTests(DatabaseFixture fx)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private IInvoiceService Invoices => fx.Get<IInvoiceService>();

    /// <summary>Building A with lot A1 (100 shares, owner A) and lot A2 (300 shares, usufruct U / bare ownership N), a supplier and an open 2026.</summary>
    private async Task<(World W, Dictionary<string, Guid> Accounts, Guid Supplier, Guid Usufructuary, Guid BareOwner, FiscalYearRow Year)> SetUpAsync()
    {
        var w = await World.CreateAsync(fx, Ct);
        var accounts = (await fx.Get<IChartService>().ChartAsync(w.Syndic, w.OrganisationId, "fr-BE", Ct)).Value.ToDictionary(a => a.Code, a => a.Id);
        var year = (await fx.Get<IFiscalYearService>().OpenNextFiscalYearAsync(w.Syndic, w.BuildingA, Ct)).Value;
        var supplier = (await fx.Get<ISupplierService>().SaveAsync(w.Accountant, w.OrganisationId, null, new SupplierInput { Name = "Schindler", Iban = BelgianIdentifierFactory.Iban(1234567890) }, Ct)).Value;
        var owners = fx.Get<IOwnerService>();
        var u = (await owners.CreateAsync(w.Syndic, w.OrganisationId, new OwnerInput { LastName = "Usufruitière" }, Ct)).Value;
        var n = (await owners.CreateAsync(w.Syndic, w.OrganisationId, new OwnerInput { LastName = "NuPropriétaire" }, Ct)).Value;
        var a2 = (await fx.Get<IBuildingService>().CreateUnitAsync(w.Syndic, w.BuildingA, new UnitInput { Number = "A2", Shares = 300 }, Ct)).Value;
        Assert.True((await owners.SaveOwnershipsAsync(w.Syndic, a2, new ChangeOwnershipInput
        {
            EffectiveDate = new DateOnly(2020, 1, 1),
            Lines = [new() { OwnerId = u, Kind = OwnershipKind.Usufruct, IsPrimaryContact = true }, new() { OwnerId = n, Kind = OwnershipKind.BareOwnership }],
        }, Ct)).Succeeded);
        return (w, accounts, supplier, u, n, year);
    }

    private static InvoiceInput Invoice(Guid supplier, Guid account, string number, decimal excl, decimal rate, decimal declared, Guid? key = null) => new()
    {
        SupplierId = supplier,
        Number = number,
        InvoiceDate = new DateOnly(2026, 10, 5),
        DueDate = new DateOnly(2026, 11, 4),
        DistributionKeyId = key,
        DeclaredTotal = declared,
        Lines = [new() { Description = "Entretien", AccountId = account, AmountExclVat = excl, VatRate = rate }],
    };

    [Fact]
    public async Task BadInvoices_AreRefused_AndNothingIsSaved()
    {
        var (w, accounts, supplier, _, _, _) = await SetUpAsync();
        async Task<string> Refused(InvoiceInput input) => (await Invoices.SaveDraftAsync(w.Accountant, w.BuildingA, null, input, Ct)).FirstError!.Code;

        Assert.Equal("error.invoice_total_mismatch", await Refused(Invoice(supplier, accounts["610"], "F1", 1000m, 21m, 1200m)));
        Assert.Equal("error.vat_rate", await Refused(Invoice(supplier, accounts["610"], "F1", 1000m, 20m, 1200m)));
        Assert.Equal("error.invoice_line_amount", await Refused(Invoice(supplier, accounts["610"], "F1", -5m, 21m, -6.05m)));
        Assert.Equal("error.invoice_charge_account", await Refused(Invoice(supplier, accounts["551"], "F1", 100m, 21m, 121m)));
        Assert.Equal("error.due_before_invoice", await Refused(Invoice(supplier, accounts["610"], "F1", 100m, 21m, 121m).Let(i => i.DueDate = new DateOnly(2026, 1, 1))));
        Assert.Equal("error.key_zero_weight", (await Invoices.CreateKeyAsync(w.Accountant, w.BuildingA, new DistributionKeyInput { Name = "Lift", Weights = { [w.UnitA1] = 0m } }, Ct)).FirstError!.Code);
        Assert.Empty((await Invoices.ListAsync(w.Accountant, w.BuildingA, null, Ct)).Value);

        Assert.True((await Invoices.SaveDraftAsync(w.Accountant, w.BuildingA, null, Invoice(supplier, accounts["610"], "F1", 1000m, 21m, 1210m), Ct)).Succeeded);
        Assert.Equal("error.invoice_duplicate", await Refused(Invoice(supplier, accounts["610"], "F1", 1000m, 21m, 1210m)));
    }

    [Fact]
    public async Task Approval_PostsThePurchase_AndSpreadsTheChargeToTheCent_PaymentPostsTheBank()
    {
        var (w, accounts, supplier, _, bareOwner, year) = await SetUpAsync();
        var id = (await Invoices.SaveDraftAsync(w.Accountant, w.BuildingA, null, Invoice(supplier, accounts["610"], "2026-0457", 1000.00m, 21m, 1210.00m), Ct)).Value;

        Assert.Equal("error.invoice_status", (await Invoices.ApproveAsync(w.Syndic, id, Ct)).FirstError!.Code);       // a draft is not approved
        Assert.True((await Invoices.SubmitAsync(w.Accountant, id, Ct)).Succeeded);
        Assert.Equal(Errors.Forbidden, (await Invoices.ApproveAsync(w.Accountant, id, Ct)).FirstError!.Code);       // the syndic approves
        Assert.Equal("error.rejection_reason", (await Invoices.RejectAsync(w.Syndic, id, " ", Ct)).FirstError!.Code);
        Assert.True((await Invoices.ApproveAsync(w.Syndic, id, Ct)).Succeeded);
        Assert.Equal("error.invoice_status", (await Invoices.ApproveAsync(w.Syndic, id, Ct)).FirstError!.Code);

        var detail = (await Invoices.GetAsync(w.Accountant, id, Ct)).Value;
        Assert.Equal(210.00m, detail.Lines.Single().VatAmount);
        Assert.Equal(1210.00m, detail.Allocations.Sum(a => a.Amount));
        Assert.Equal(302.50m, detail.Allocations.Single(a => a.UnitNumber == "A1").Amount);            // 100 / 400 shares
        Assert.Equal("Usufruitière", detail.Allocations.Single(a => a.UnitNumber == "A2").OwnerName);   // ordinary charges: the usufructuary
        var reports = fx.Get<IAccountingReports>();
        var trial = (await reports.TrialBalanceAsync(w.Accountant, new ReportPeriod(w.BuildingA, year.Id), "fr-BE", Ct)).Value;
        Assert.Equal(1210.00m, trial.Rows.Single(r => r.Code == "610").Debit);
        Assert.Equal(-1210.00m, trial.Rows.Single(r => r.Code == "440").Balance);

        Assert.True((await Invoices.PayAsync(w.Accountant, id, new DateOnly(2026, 11, 2), Ct)).Succeeded);
        trial = (await reports.TrialBalanceAsync(w.Accountant, new ReportPeriod(w.BuildingA, year.Id), "fr-BE", Ct)).Value;
        Assert.Equal(0m, trial.Rows.Single(r => r.Code == "440").Balance);
        Assert.Equal(-1210.00m, trial.Rows.Single(r => r.Code == "551").Balance);
        Assert.Equal(InvoiceStatus.Paid, (await Invoices.GetAsync(w.Accountant, id, Ct)).Value.Invoice.Status);

        // works fall on the bare owner; a named key limits the lots
        var key = (await Invoices.CreateKeyAsync(w.Accountant, w.BuildingA, new DistributionKeyInput { Name = "Façade A2", Weights = { [w.UnitA1] = 0m, } }, Ct));
        Assert.Equal("error.key_zero_weight", key.FirstError!.Code);
        var a2 = await UnitAsync(w.BuildingA, "A2");
        var facade = (await Invoices.CreateKeyAsync(w.Accountant, w.BuildingA, new DistributionKeyInput { Name = "Façade A2", Weights = { [a2] = 1m } }, Ct)).Value;
        var works = (await Invoices.SaveDraftAsync(w.Accountant, w.BuildingA, null, Invoice(supplier, accounts["611"], "2026-0500", 5000.00m, 6m, 5300.00m, facade), Ct)).Value;
        Assert.True((await Invoices.SubmitAsync(w.Accountant, works, Ct)).Succeeded);
        // works are approved on the contractor's approved report only (SPEC §3.3): none linked, or one still submitted, is refused
        var refused = await Invoices.ApproveAsync(w.Syndic, works, Ct);
        Assert.Equal(("error.invoice_works_report", "WorkReportId"), (refused.FirstError!.Code, refused.FirstError.Field));
        Assert.True((await Invoices.RejectAsync(w.Syndic, works, "Rapport d'intervention manquant", Ct)).Succeeded);
        Assert.True((await Invoices.ReopenAsync(w.Accountant, works, Ct)).Succeeded);
        var submitted = await w.ApprovedWorkReportAsync(fx, "Rejointoyage façade (en attente)", 10m, Ct, approve: false);
        var draft = Invoice(supplier, accounts["611"], "2026-0500", 5000.00m, 6m, 5300.00m, facade);
        draft.WorkReportId = submitted;
        Assert.True((await Invoices.SaveDraftAsync(w.Accountant, w.BuildingA, works, draft, Ct)).Succeeded);
        Assert.True((await Invoices.SubmitAsync(w.Accountant, works, Ct)).Succeeded);
        Assert.Equal("error.invoice_works_report", (await Invoices.ApproveAsync(w.Syndic, works, Ct)).FirstError!.Code);
        Assert.True((await Invoices.RejectAsync(w.Syndic, works, "Rapport pas encore approuvé", Ct)).Succeeded);
        Assert.True((await Invoices.ReopenAsync(w.Accountant, works, Ct)).Succeeded);
        var report = await w.ApprovedWorkReportAsync(fx, "Rejointoyage façade", 120m, Ct);
        Assert.Contains((await Invoices.WorkReportsAsync(w.Accountant, w.BuildingA, Ct)).Value, r => r.Id == report);
        Assert.DoesNotContain((await Invoices.WorkReportsAsync(w.Accountant, w.BuildingA, Ct)).Value, r => r.Id == submitted);
        draft.WorkReportId = Guid.NewGuid();
        Assert.Equal("WorkReportId", (await Invoices.SaveDraftAsync(w.Accountant, w.BuildingA, works, draft, Ct)).FirstError!.Field);
        draft.WorkReportId = report;
        Assert.True((await Invoices.SaveDraftAsync(w.Accountant, w.BuildingA, works, draft, Ct)).Succeeded);
        Assert.True((await Invoices.SubmitAsync(w.Accountant, works, Ct)).Succeeded);
        Assert.True((await Invoices.ApproveAsync(w.Syndic, works, Ct)).Succeeded);
        var linked = (await Invoices.GetAsync(w.Syndic, works, Ct)).Value.Invoice.WorkReport!;
        Assert.Equal(("Rejointoyage façade", WorkReportStatus.Approved), (linked.TicketTitle, linked.Status));
        var allocation = Assert.Single((await Invoices.GetAsync(w.Accountant, works, Ct)).Value.Allocations);
        Assert.Equal(("NuPropriétaire", 5300.00m), (allocation.OwnerName, allocation.Amount));

        var charges = (await reports.OwnerChargesAsync(w.OwnerActorA, new ReportPeriod(w.BuildingA, year.Id), w.OwnerA, "fr-BE", Ct)).Value;
        Assert.Equal(302.50m, charges.Total);
        Assert.False((await reports.OwnerChargesAsync(w.OwnerActorA, new ReportPeriod(w.BuildingA, year.Id), bareOwner, "fr-BE", Ct)).Succeeded);
        Assert.False((await Invoices.ListAsync(w.OwnerActorA, w.BuildingA, null, Ct)).Succeeded);
    }

    [Fact]
    public async Task Rejection_KeepsTheReason_AndTheInvoiceCanBeCorrected()
    {
        var (w, accounts, supplier, _, _, _) = await SetUpAsync();
        var id = (await Invoices.SaveDraftAsync(w.Accountant, w.BuildingA, null, Invoice(supplier, accounts["610"], "F-9", 80m, 6m, 84.80m), Ct)).Value;
        Assert.True((await Invoices.SubmitAsync(w.Accountant, id, Ct)).Succeeded);
        Assert.True((await Invoices.RejectAsync(w.Syndic, id, "Montant hors contrat", Ct)).Succeeded);
        var row = (await Invoices.ListAsync(w.Accountant, w.BuildingA, InvoiceStatus.Rejected, Ct)).Value.Single();
        Assert.Equal("Montant hors contrat", row.RejectionReason);
        Assert.True((await Invoices.ReopenAsync(w.Accountant, id, Ct)).Succeeded);
        Assert.True((await Invoices.SaveDraftAsync(w.Accountant, w.BuildingA, id, Invoice(supplier, accounts["610"], "F-9", 70m, 6m, 74.20m), Ct)).Succeeded);
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        Assert.False(await db.JournalEntries.AnyAsync(e => e.BuildingId == w.BuildingA, Ct));       // nothing posted before approval
    }

    private async Task<Guid> UnitAsync(Guid buildingId, string number)
    {
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        return await db.Units.Where(u => u.BuildingId == buildingId && u.Number == number).Select(u => u.Id).SingleAsync(Ct);
    }
}
