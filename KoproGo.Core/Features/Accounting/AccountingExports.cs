using System.Text;
using KoproGo.Core.Features.Documents;

namespace KoproGo.Core.Features.Accounting;

public enum AccountingReportKind { TrialBalance, GeneralLedger, IncomeStatement, BalanceSheet, OwnerStatement, OwnerCharges }

public interface IAccountingExports
{
    /// <summary>A report as a table, for its page and for every export format: one layout per report.</summary>
    Task<Result<ReportTable>> TableAsync(Actor actor, ReportPeriod period, AccountingReportKind kind, string culture, Guid? ownerId, CancellationToken ct);
    /// <summary>A report as CSV, XLSX or PDF, in the reader's language; same access as the report's page.</summary>
    Task<Result<ExportFile>> ExportAsync(Actor actor, ReportPeriod period, AccountingReportKind kind, ReportFormat format, string culture, Guid? ownerId, CancellationToken ct);
    /// <summary>
    /// Every line of the year in the FEC column layout the original specification names (pipe separated, dates
    /// yyyyMMdd, decimal comma), for an auditor's tools.
    /// </summary>
    Task<Result<ExportFile>> FecAsync(Actor actor, ReportPeriod period, CancellationToken ct);
}

public sealed class AccountingExports(IKoproGoDbFactory dbFactory, IAccountingReports reports, TimeProvider clock) : IAccountingExports
{
    public async Task<Result<ExportFile>> ExportAsync(Actor actor, ReportPeriod period, AccountingReportKind kind, ReportFormat format, string culture, Guid? ownerId, CancellationToken ct)
    {
        var c = Texts.Culture(culture);
        var tableResult = await TableAsync(actor, period, kind, culture, ownerId, ct);
        if (!tableResult.Succeeded)
            return Result<ExportFile>.Fail(tableResult.Errors);
        var table = tableResult.Value;
        await using var db = await dbFactory.CreateAsync(ct);
        var building = await db.Buildings.AsNoTracking().FirstAsync(b => b.Id == period.BuildingId, ct);
        var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == building.OrganisationId, ct);
        var year = await db.FiscalYears.AsNoTracking().Where(y => y.Id == period.FiscalYearId).Select(y => y.StartDate.Year).FirstAsync(ct);
        var fileName = $"{building.Slug}-{year}-{kind.ToString().ToLowerInvariant()}.{ReportFormats.Extension(format)}";
        var content = format switch
        {
            ReportFormat.Csv => ReportFormats.Csv(table, c),
            ReportFormat.Xlsx => ReportFormats.Xlsx(table),
            _ => ReportFormats.Pdf(table, Letterhead.For(organisation, building), c, clock.GetUtcNow()),
        };
        return new ExportFile(fileName, ReportFormats.ContentType(format), content);
    }

    public async Task<Result<ReportTable>> TableAsync(Actor actor, ReportPeriod period, AccountingReportKind kind, string culture, Guid? ownerId, CancellationToken ct)
    {
        var c = Texts.Culture(culture);
        culture = c.Name;
        string T(string key, params object?[] args) => Texts.Get(key, c, args);
        ReportColumn[] amounts(params string[] keys) => keys.Select(k => new ReportColumn(T(k), IsAmount: true)).ToArray();
        if (kind == AccountingReportKind.OwnerStatement)
        {
            if (ownerId is null)
                return Errors.NotFoundError;
            var statement = await reports.OwnerStatementAsync(actor, period, ownerId.Value, ct);
            if (!statement.Succeeded)
                return Result<ReportTable>.Fail(statement.Errors);
            var s = statement.Value;
            return new ReportTable(T("report.OwnerStatement"), T("report.subtitle.owner", s.OwnerName, s.BuildingName, s.Year),
                [new(T("report.col.date")), new(T("report.col.reference")), new(T("report.col.description"), Width: 3), .. amounts("report.col.debit", "report.col.credit", "report.col.balance")],
                [.. s.Lines.Select(l => (IReadOnlyList<object?>)[l.Date.ToString("d", c), l.Reference, l.Description, l.Debit, l.Credit, l.Running])]);
        }
        if (kind == AccountingReportKind.OwnerCharges)
        {
            if (ownerId is null)
                return Errors.NotFoundError;
            var charges = await reports.OwnerChargesAsync(actor, period, ownerId.Value, culture, ct);
            if (!charges.Succeeded)
                return Result<ReportTable>.Fail(charges.Errors);
            var s = charges.Value;
            return new ReportTable(T("report.OwnerCharges"), T("report.subtitle.owner", s.OwnerName, s.BuildingName, s.Year),
                [new(T("report.col.date")), new(T("ui.supplier.name"), Width: 2), new(T("ui.invoice.number")), new(T("ui.unit.number"), Width: 0.6), new(T("report.col.account"), Width: 2), .. amounts("report.col.amount")],
                [.. s.Lines.Select(l => (IReadOnlyList<object?>)[l.Date.ToString("d", c), l.Supplier, l.InvoiceNumber, l.UnitNumber, l.Account, l.Amount]),
                 [T("report.total"), "", "", "", "", s.Total]]);
        }
        if (kind == AccountingReportKind.GeneralLedger)
        {
            var ledger = await reports.LedgerAsync(actor, period, culture, ct);
            if (!ledger.Succeeded)
                return Result<ReportTable>.Fail(ledger.Errors);
            var trial = (await reports.TrialBalanceAsync(actor, period, culture, ct)).Value;
            return new ReportTable(T("report.GeneralLedger"), T("report.subtitle", trial.BuildingName, trial.Year, trial.From, trial.To),
                [new(T("report.col.account")), new(T("report.col.date")), new(T("report.col.reference")), new(T("report.col.description"), Width: 2.5),
                 new(T("report.col.subledger"), Width: 1.5), .. amounts("report.col.debit", "report.col.credit", "report.col.balance")],
                [.. ledger.Value.SelectMany(a => a.Lines.Select(l => (IReadOnlyList<object?>)[$"{a.Code} {a.Label}", l.Date.ToString("d", c), l.Reference, l.Description, l.SubLedger, l.Debit, l.Credit, l.Running]))]);
        }
        var result = await reports.TrialBalanceAsync(actor, period, culture, ct);
        if (!result.Succeeded)
            return Result<ReportTable>.Fail(result.Errors);
        var tb = result.Value;
        var subtitle = T("report.subtitle", tb.BuildingName, tb.Year, tb.From, tb.To);
        switch (kind)
        {
            case AccountingReportKind.TrialBalance:
                return new ReportTable(T("report.TrialBalance"), subtitle,
                    [new(T("report.col.code")), new(T("report.col.label"), Width: 3), .. amounts("report.col.debit", "report.col.credit", "report.col.balance")],
                    [.. tb.Rows.Select(r => (IReadOnlyList<object?>)[r.Code, r.Label, r.Debit, r.Credit, r.Balance]),
                     [T("report.total"), "", tb.TotalDebit, tb.TotalCredit, tb.TotalDebit - tb.TotalCredit]]);
            case AccountingReportKind.IncomeStatement:
                return new ReportTable(T("report.IncomeStatement"), subtitle,
                    [new(T("report.col.section")), new(T("report.col.code")), new(T("report.col.label"), Width: 3), .. amounts("report.col.amount")],
                    [.. tb.Charges.Select(r => (IReadOnlyList<object?>)[T("report.charges"), r.Code, r.Label, r.Balance]),
                     .. tb.Income.Select(r => (IReadOnlyList<object?>)[T("report.income"), r.Code, r.Label, -r.Balance]),
                     [T("report.result"), "", "", tb.Result]]);
            default:
                return new ReportTable(T("report.BalanceSheet"), subtitle,
                    [new(T("report.col.section")), new(T("report.col.code")), new(T("report.col.label"), Width: 3), .. amounts("report.col.amount")],
                    [.. tb.Assets.Select(r => (IReadOnlyList<object?>)[T("report.assets"), r.Code, r.Label, r.Balance]),
                     .. tb.Liabilities.Select(r => (IReadOnlyList<object?>)[T("report.liabilities"), r.Code, r.Label, -r.Balance]),
                     [T("report.liabilities"), "", T("report.result"), tb.OpenResult]]);
        }
    }

    public async Task<Result<ExportFile>> FecAsync(Actor actor, ReportPeriod period, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var found = await db.StaffBuildingAsync(actor, period.BuildingId, clock.Today(), ct);
        if (!found.Succeeded)
            return Result<ExportFile>.Fail(found.Errors);
        var year = await db.FiscalYears.AsNoTracking().FirstOrDefaultAsync(y => y.Id == period.FiscalYearId && y.BuildingId == period.BuildingId, ct);
        if (year is null)
            return Errors.NotFoundError;
        var lines = await (from l in db.JournalLines.AsNoTracking()
                           join e in db.JournalEntries on l.EntryId equals e.Id
                           join a in db.Accounts on l.AccountId equals a.Id
                           where e.FiscalYearId == year.Id
                           orderby e.Journal, e.Number, l.Id
                           select new { Line = l, Entry = e, Account = a }).ToListAsync(ct);
        var names = await AccountingService.SubLedgerNamesAsync(db, lines.Select(l => l.Line), ct);
        var fr = CultureInfo.GetCultureInfo("fr-BE");
        var sb = new StringBuilder();
        sb.AppendLine("JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|CompAuxLib|PieceRef|PieceDate|EcritureLib|Debit|Credit|EcritureLet|DateLet|ValidDate|Montantdevise|Idevise");
        static string Clean(string? s) => (s ?? "").Replace('|', '/').Replace('\n', ' ').Replace('\r', ' ');
        foreach (var x in lines)
        {
            var aux = x.Line.OwnerId ?? x.Line.SupplierId;
            sb.Append(x.Entry.Journal).Append('|')
              .Append(Texts.Get("enum.Journal." + x.Entry.Journal, fr)).Append('|')
              .Append(x.Entry.Reference).Append('|')
              .Append(x.Entry.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture)).Append('|')
              .Append(x.Account.Code).Append('|')
              .Append(Clean(x.Account.DisplayLabel("fr-BE"))).Append('|')
              .Append(aux is null ? "" : aux.Value.ToString("N")[..12]).Append('|')
              .Append(Clean(aux is null ? null : names.GetValueOrDefault(aux.Value))).Append('|')
              .Append(Clean(x.Entry.DocumentRef ?? x.Entry.Reference)).Append('|')
              .Append(x.Entry.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture)).Append('|')
              .Append(Clean(x.Line.Label ?? x.Entry.Description)).Append('|')
              .Append(x.Line.Debit.ToString("0.00", fr)).Append('|')
              .Append(x.Line.Credit.ToString("0.00", fr)).Append("|||")
              .Append(BusinessTime.LocalDateTime(x.Entry.PostedAt).ToString("yyyyMMdd", CultureInfo.InvariantCulture)).Append("||EUR")
              .AppendLine();
        }
        return new ExportFile($"{found.Value.Slug}-{year.Label}-FEC.txt", "text/plain; charset=utf-8", new UTF8Encoding(false).GetBytes(sb.ToString()));
    }
}
