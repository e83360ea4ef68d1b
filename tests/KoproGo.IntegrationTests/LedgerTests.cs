using KoproGo.Core.Common;
using KoproGo.Core.Features.Accounting;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KoproGo.IntegrationTests;

[Collection(DatabaseCollection.Name)]
public class LedgerTests(DatabaseFixture fx)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private IAccountingService Accounting => fx.Get<IAccountingService>();
    private IFiscalYearService FiscalYears => fx.Get<IFiscalYearService>();
    private IChartService Chart => fx.Get<IChartService>();
    private IAccountingReports Reports => fx.Get<IAccountingReports>();

    /// <summary>The world, its chart by code and building A's open fiscal year (the clock says 25 November 2026).</summary>
    private async Task<(World W, Dictionary<string, Guid> Accounts, FiscalYearRow Year)> BooksAsync()
    {
        var w = await World.CreateAsync(fx, Ct);
        var chart = (await Chart.ChartAsync(w.Syndic, w.OrganisationId, "fr-BE", Ct)).Value;
        var year = (await FiscalYears.OpenNextFiscalYearAsync(w.Syndic, w.BuildingA, Ct)).Value;
        return (w, chart.ToDictionary(a => a.Code, a => a.Id), year);
    }

    private static EntryDraft Call(World w, Dictionary<string, Guid> accounts, decimal amount, DateOnly date) => new()
    {
        BuildingId = w.BuildingA,
        Date = date,
        Journal = Journal.VEN,
        Description = "Appel de fonds",
        Lines =
        [
            new() { AccountId = accounts[StandardChart.OwnersWorking], OwnerId = w.OwnerA, Debit = amount },
            new() { AccountId = accounts[StandardChart.CallsWorking], Credit = amount },
        ],
    };

    [Fact]
    public async Task Chart_IsSeededWithTheStandardAccounts_SubAccountsFollowTheirParent()
    {
        var (w, accounts, _) = await BooksAsync();
        Assert.Equal(StandardChart.Codes.Count, accounts.Count);
        Assert.Equal("Fonds de réserve", (await Chart.ChartAsync(w.Accountant, w.OrganisationId, "fr-BE", Ct)).Value.Single(a => a.Code == "160").Label);
        Assert.Equal("Reservefonds", (await Chart.ChartAsync(w.Accountant, w.OrganisationId, "nl-BE", Ct)).Value.Single(a => a.Code == "160").Label);

        Assert.True((await Chart.AddAccountAsync(w.Accountant, w.OrganisationId, new AccountInput { Code = "6101", Label = "Entretien ascenseur" }, Ct)).Succeeded);
        Assert.Equal("error.account_exists", (await Chart.AddAccountAsync(w.Accountant, w.OrganisationId, new AccountInput { Code = "6101", Label = "x" }, Ct)).FirstError!.Code);
        Assert.Equal("error.account_code", (await Chart.AddAccountAsync(w.Accountant, w.OrganisationId, new AccountInput { Code = "8888", Label = "x" }, Ct)).FirstError!.Code);
        Assert.Equal("error.account_parent", (await Chart.AddAccountAsync(w.Accountant, w.OrganisationId, new AccountInput { Code = "3001", Label = "x" }, Ct)).FirstError!.Code);
        Assert.Equal("error.account_code", (await Chart.AddAccountAsync(w.Accountant, w.OrganisationId, new AccountInput { Code = "61a", Label = "x" }, Ct)).FirstError!.Code);
        Assert.Equal(Errors.Forbidden, (await Chart.AddAccountAsync(w.OwnerActorA, w.OrganisationId, new AccountInput { Code = "6102", Label = "x" }, Ct)).FirstError!.Code);

        // used accounts and standard accounts stay
        var used = (await Chart.AddAccountAsync(w.Accountant, w.OrganisationId, new AccountInput { Code = "6109", Label = "Divers" }, Ct)).Value;
        Assert.True((await Accounting.PostAsync(w.Accountant, new EntryDraft
        {
            BuildingId = w.BuildingA,
            Date = new DateOnly(2026, 3, 1),
            Description = "x",
            Lines = [new() { AccountId = used, Debit = 10m }, new() { AccountId = accounts["440"], Credit = 10m }],
        }, Ct)).Succeeded);
        Assert.Equal("error.account_used", (await Chart.DeleteAccountAsync(w.Accountant, used, Ct)).FirstError!.Code);
        Assert.Equal("error.account_standard", (await Chart.DeleteAccountAsync(w.Accountant, accounts["614"], Ct)).FirstError!.Code);
        var custom = (await Chart.ChartAsync(w.Accountant, w.OrganisationId, "fr-BE", Ct)).Value.Single(a => a.Code == "6101");
        Assert.True((await Chart.DeleteAccountAsync(w.Accountant, custom.Id, Ct)).Succeeded);
    }

    [Fact]
    public async Task OpenNextYear_OnlyOneAhead_AndAnEmptyLastYearCanBeRemoved()
    {
        var (w, accounts, year) = await BooksAsync();            // 2026, current
        var next = (await FiscalYears.OpenNextFiscalYearAsync(w.Syndic, w.BuildingA, Ct)).Value;
        Assert.Equal(2027, next.Label);
        var third = await FiscalYears.OpenNextFiscalYearAsync(w.Syndic, w.BuildingA, Ct);
        Assert.Equal(("error.fiscal_year_ahead", (object?)2027), (third.FirstError!.Code, third.FirstError.Args[0]));

        Assert.Equal("error.fiscal_year_not_last", (await FiscalYears.RemoveFiscalYearAsync(w.Syndic, year.Id, Ct)).FirstError!.Code);
        Assert.Equal(Errors.Forbidden, (await FiscalYears.RemoveFiscalYearAsync(w.OwnerActorA, next.Id, Ct)).FirstError!.Code);
        Assert.True((await FiscalYears.RemoveFiscalYearAsync(w.Syndic, next.Id, Ct)).Succeeded);
        Assert.Equal([2026], (await FiscalYears.FiscalYearsAsync(w.Syndic, w.BuildingA, Ct)).Value.Select(y => y.Label));

        // a year with an entry stays
        Assert.True((await Accounting.PostAsync(w.Accountant, new EntryDraft
        {
            BuildingId = w.BuildingA,
            Date = new DateOnly(2026, 3, 1),
            Description = "x",
            Lines = [new() { AccountId = accounts["610"], Debit = 10m }, new() { AccountId = accounts["440"], Credit = 10m }],
        }, Ct)).Succeeded);
        Assert.Equal("error.fiscal_year_not_empty", (await FiscalYears.RemoveFiscalYearAsync(w.Syndic, year.Id, Ct)).FirstError!.Code);
    }

    [Fact]
    public async Task EightConcurrentWriters_NumbersAreGaplessAndUnique_EvenWithRollbacks()
    {
        var (w, accounts, year) = await BooksAsync();
        const int writers = 8, perWriter = 200;
        var rolledBack = 0;

        async Task WriterAsync(int writer)
        {
            var committed = 0;
            for (var attempt = 0; committed < perWriter; attempt++)
            {
                await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
                await using var tx = await db.Database.BeginTransactionAsync(Ct);
                var posted = await fx.Get<JournalPoster>().PostAsync(db, Actor.System, w.OrganisationId, Call(w, accounts, 10m + writer, new DateOnly(2026, 5, 1)), Ct);
                Assert.True(posted.Succeeded);
                await db.SaveChangesAsync(Ct);
                if (attempt % 10 == 7)
                {
                    await tx.RollbackAsync(Ct);       // a failure after the number was taken: the number must come back
                    Interlocked.Increment(ref rolledBack);
                }
                else
                {
                    await tx.CommitAsync(Ct);
                    committed++;
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, writers).Select(i => Task.Run(() => WriterAsync(i), Ct)));

        await using var check = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        var numbers = await check.JournalEntries.Where(e => e.FiscalYearId == year.Id && e.Journal == Journal.VEN).Select(e => e.Number).OrderBy(n => n).ToListAsync(Ct);
        Assert.True(rolledBack > 100);
        Assert.Equal(Enumerable.Range(1, writers * perWriter), numbers);
        Assert.Equal("2026-VEN-001600", await check.JournalEntries.Where(e => e.FiscalYearId == year.Id && e.Number == 1600).Select(e => e.Reference).SingleAsync(Ct));
    }

    [Fact]
    public async Task BadEntries_AreRefusedWithAMessage_AndNothingIsSaved()
    {
        var (w, accounts, _) = await BooksAsync();
        var other = await BooksAsync();
        var date = new DateOnly(2026, 6, 1);
        EntryDraft Draft(params LineDraft[] lines) => new() { BuildingId = w.BuildingA, Date = date, Journal = Journal.OD, Description = "Test", Lines = [.. lines] };
        LineDraft D(string code, decimal amount) => new() { AccountId = accounts[code], Debit = amount };
        LineDraft C(string code, decimal amount) => new() { AccountId = accounts[code], Credit = amount };

        async Task<string> Refused(EntryDraft draft) => (await Accounting.PostAsync(w.Accountant, draft, Ct)).FirstError!.Code;

        Assert.Equal("error.entry_unbalanced", await Refused(Draft(D("610", 100m), C("440", 99.99m))));
        Assert.Equal(0.01m, (await Accounting.PostAsync(w.Accountant, Draft(D("610", 100m), C("440", 99.99m)), Ct)).FirstError!.Args[0]);
        Assert.Equal("error.entry_two_lines", await Refused(Draft(D("610", 100m))));
        Assert.Equal("error.line_one_side", await Refused(Draft(new LineDraft { AccountId = accounts["610"], Debit = -5m }, C("440", -5m))));
        Assert.Equal("error.line_one_side", await Refused(Draft(new LineDraft { AccountId = accounts["610"], Debit = 5m, Credit = 5m }, C("440", 0m))));
        Assert.Equal("error.line_cents", await Refused(Draft(D("610", 1.005m), C("440", 1.005m))));
        Assert.Equal("error.line_account", await Refused(Draft(new LineDraft { AccountId = other.Accounts["610"], Debit = 5m }, C("440", 5m))));
        Assert.Equal("error.line_owner_required", await Refused(Draft(D(StandardChart.OwnersWorking, 5m), C("701", 5m))));
        var commitments = (await Chart.AddAccountAsync(w.Accountant, w.OrganisationId, new AccountInput { Code = "010", Label = "Garanties reçues" }, Ct)).Value;
        Assert.Equal("error.line_off_balance", await Refused(Draft(new LineDraft { AccountId = commitments, Debit = 5m }, C("440", 5m))));
        Assert.Equal("error.no_fiscal_year", await Refused(new EntryDraft { BuildingId = w.BuildingA, Date = new DateOnly(2031, 1, 1), Description = "x", Lines = [D("610", 5m), C("440", 5m)] }));
        Assert.Equal(Errors.Required, await Refused(new EntryDraft { BuildingId = w.BuildingA, Date = date, Description = " ", Lines = [D("610", 5m), C("440", 5m)] }));

        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        Assert.False(await db.JournalEntries.AnyAsync(e => e.BuildingId == w.BuildingA, Ct));
        Assert.False(await db.JournalCounters.AnyAsync(c => c.LastNumber > 0 && db.Set<FiscalYear>().Any(y => y.Id == c.FiscalYearId && y.BuildingId == w.BuildingA), Ct));
    }

    [Fact]
    public async Task Database_RefusesUnbalancedOrOneLineEntries_AtCommit_AndAnyChangeOfPostedLines()
    {
        var (w, accounts, year) = await BooksAsync();
        Assert.True((await Accounting.PostAsync(w.Accountant, Call(w, accounts, 250m, new DateOnly(2026, 4, 1)), Ct)).Succeeded);
        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        await conn.OpenAsync(Ct);

        async Task<string?> CommitAsync(string sql)
        {
            await using var tx = await conn.BeginTransactionAsync(Ct);
            try
            {
                await using var cmd = new NpgsqlCommand(sql, conn, tx);
                cmd.Parameters.AddWithValue("entry", Guid.NewGuid());
                cmd.Parameters.AddWithValue("org", w.OrganisationId);
                cmd.Parameters.AddWithValue("building", w.BuildingA);
                cmd.Parameters.AddWithValue("year", year.Id);
                cmd.Parameters.AddWithValue("a", accounts["610"]);
                cmd.Parameters.AddWithValue("b", accounts["440"]);
                await cmd.ExecuteNonQueryAsync(Ct);
                await tx.CommitAsync(Ct);
                return null;
            }
            catch (PostgresException e)
            {
                return e.SqlState;
            }
        }
        const string Entry = """
            INSERT INTO journal_entries (id, organisation_id, building_id, fiscal_year_id, journal, kind, number, reference, date, description, posted_at)
            VALUES (@entry, @org, @building, @year, 'OD', 'Manual', 999, '2026-OD-000999', '2026-06-01', 'direct', now());
            """;

        Assert.Equal("23514", await CommitAsync(Entry + "INSERT INTO journal_lines (entry_id, account_id, debit, credit) VALUES (@entry, @a, 100, 0), (@entry, @b, 0, 90);"));
        Assert.Equal("23514", await CommitAsync(Entry + "INSERT INTO journal_lines (entry_id, account_id, debit, credit) VALUES (@entry, @a, 100, 0);"));
        Assert.Equal("23514", await CommitAsync(Entry));
        Assert.Equal("23514", await CommitAsync(Entry + "INSERT INTO journal_lines (entry_id, account_id, debit, credit) VALUES (@entry, @a, 100, 100), (@entry, @b, 100, 100);"));
        Assert.Null(await CommitAsync(Entry + "INSERT INTO journal_lines (entry_id, account_id, debit, credit) VALUES (@entry, @a, 100, 0), (@entry, @b, 0, 100);"));
        // a line always carries its entry's year and date, also when inserted by hand
        await using (var placed = new NpgsqlCommand("SELECT count(*) FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id WHERE e.building_id = @b AND l.fiscal_year_id = e.fiscal_year_id AND l.date = e.date", conn))
        {
            placed.Parameters.AddWithValue("b", w.BuildingA);
            Assert.Equal(4L, await placed.ExecuteScalarAsync(Ct));
        }

        // a line slipped into an entry posted earlier is checked on its own (the entry-level check ran at its commit)
        Assert.Equal("23514", await CommitAsync("INSERT INTO journal_lines (entry_id, account_id, debit, credit) SELECT id, @a, 5, 0 FROM journal_entries WHERE building_id = @building AND number = 1 AND journal = 'VEN'"));
        Assert.Equal("P0001", await CommitAsync("UPDATE journal_lines SET debit = debit + 1 WHERE entry_id IN (SELECT id FROM journal_entries WHERE building_id = @building)"));
        Assert.Equal("P0001", await CommitAsync("DELETE FROM journal_lines WHERE entry_id IN (SELECT id FROM journal_entries WHERE building_id = @building)"));
        Assert.Equal("P0001", await CommitAsync("UPDATE journal_entries SET description = 'changed' WHERE building_id = @building"));
        Assert.Equal("P0001", await CommitAsync("DELETE FROM journal_entries WHERE building_id = @building"));
    }

    [Fact]
    public async Task Reversal_MirrorsTheEntry_LinksBoth_AndHappensOnce()
    {
        var (w, accounts, year) = await BooksAsync();
        var reference = (await Accounting.PostAsync(w.Accountant, Call(w, accounts, 480.50m, new DateOnly(2026, 2, 10)), Ct)).Value;
        Assert.Equal("2026-VEN-000001", reference);
        var original = (await Accounting.JournalAsync(w.Accountant, w.BuildingA, new JournalQuery(year.Id), new PageRequest(0, 10), Ct)).Value.Items.Single();

        var reversal = await Accounting.ReverseAsync(w.Accountant, original.Id, new DateOnly(2026, 2, 11), Ct);

        Assert.Equal("2026-VEN-000002", reversal.Value);
        Assert.Equal("error.entry_already_reversed", (await Accounting.ReverseAsync(w.Accountant, original.Id, new DateOnly(2026, 2, 11), Ct)).FirstError!.Code);
        var detail = (await Accounting.EntryAsync(w.Accountant, original.Id, "fr-BE", Ct)).Value;
        Assert.Equal("2026-VEN-000002", detail.ReversedByReference);
        var trial = (await Reports.TrialBalanceAsync(w.Accountant, new ReportPeriod(w.BuildingA, year.Id), "fr-BE", Ct)).Value;
        Assert.All(trial.Rows, r => Assert.Equal(0m, r.Balance));
        Assert.Equal(961.00m, trial.TotalDebit);
        var statement = (await Reports.OwnerStatementAsync(w.Accountant, new ReportPeriod(w.BuildingA, year.Id), w.OwnerA, Ct)).Value;
        Assert.Equal(0m, statement.Balance);
        Assert.Equal(2, statement.Lines.Count);
    }

    [Fact]
    public async Task YearEnd_CarriesTheResultToTheFund_OpensTheNextYear_AndLocksTheClosedOne()
    {
        var (w, accounts, year) = await BooksAsync();
        Guid supplier;
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct))
        {
            var s = Supplier.Create(w.OrganisationId, new SupplierInput { Name = "Ascenseurs Dupont" });
            db.Suppliers.Add(s);
            await db.SaveChangesAsync(Ct);
            supplier = s.Id;
        }
        Assert.True((await Accounting.PostAsync(w.Accountant, Call(w, accounts, 1000m, new DateOnly(2026, 1, 15)), Ct)).Succeeded);
        Assert.True((await Accounting.PostAsync(w.Accountant, new EntryDraft
        {
            BuildingId = w.BuildingA,
            Date = new DateOnly(2026, 3, 3),
            Journal = Journal.ACH,
            Description = "Entretien ascenseur",
            Lines = [new() { AccountId = accounts["610"], Debit = 400m }, new() { AccountId = accounts["440"], SupplierId = supplier, Credit = 400m }],
        }, Ct)).Succeeded);
        var before = (await Reports.TrialBalanceAsync(w.Accountant, new ReportPeriod(w.BuildingA, year.Id), "fr-BE", Ct)).Value;
        Assert.Equal(600m, before.Result);

        Assert.Equal("error.closing_fund", (await FiscalYears.CloseYearAsync(w.Accountant, year.Id, new YearEndInput { FundCode = "551" }, Ct)).FirstError!.Code);
        var closing = await FiscalYears.CloseYearAsync(w.Accountant, year.Id, new YearEndInput { FundCode = StandardChart.ReserveFund }, Ct);

        Assert.Equal("2026-OD-000001", closing.Value);
        var years = (await FiscalYears.FiscalYearsAsync(w.Accountant, w.BuildingA, Ct)).Value;
        Assert.True(years.Single(y => y.Id == year.Id).IsClosed);
        var next = years.Single(y => y.Label == 2027);
        var opening = (await Reports.TrialBalanceAsync(w.Accountant, new ReportPeriod(w.BuildingA, next.Id), "fr-BE", Ct)).Value;
        Assert.Equal(1000m, opening.Rows.Single(r => r.Code == StandardChart.OwnersWorking).Balance);
        Assert.Equal(-400m, opening.Rows.Single(r => r.Code == "440").Balance);
        Assert.Equal(-600m, opening.Rows.Single(r => r.Code == StandardChart.ReserveFund).Balance);
        Assert.DoesNotContain(opening.Rows, r => r.Class is 6 or 7);
        Assert.Equal(1000m, (await Reports.OwnerStatementAsync(w.Accountant, new ReportPeriod(w.BuildingA, next.Id), w.OwnerA, Ct)).Value.Balance);

        Assert.Equal("error.fiscal_year_closed", (await Accounting.PostAsync(w.Accountant, Call(w, accounts, 5m, new DateOnly(2026, 12, 1)), Ct)).FirstError!.Code);
        Assert.Equal("error.fiscal_year_closed", (await FiscalYears.CloseYearAsync(w.Accountant, year.Id, new YearEndInput(), Ct)).FirstError!.Code);
        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        await conn.OpenAsync(Ct);
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO journal_entries (id, organisation_id, building_id, fiscal_year_id, journal, kind, number, reference, date, description, posted_at)
            VALUES (gen_random_uuid(), @org, @building, @year, 'OD', 'Manual', 500, '2026-OD-000500', '2026-12-01', 'late', now())
            """, conn);
        cmd.Parameters.AddWithValue("org", w.OrganisationId);
        cmd.Parameters.AddWithValue("building", w.BuildingA);
        cmd.Parameters.AddWithValue("year", year.Id);
        Assert.Equal("P0001", (await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync(Ct))).SqlState);
    }

    [Fact]
    public async Task Authorisation_OwnersReadOnlyTheirStatement_OthersSeeNothing()
    {
        var (w, accounts, year) = await BooksAsync();
        var outsider = await BooksAsync();
        Assert.True((await Accounting.PostAsync(w.Syndic, Call(w, accounts, 300m, new DateOnly(2026, 7, 1)), Ct)).Succeeded);
        var period = new ReportPeriod(w.BuildingA, year.Id);

        Assert.False((await Accounting.PostAsync(w.OwnerActorA, Call(w, accounts, 1m, new DateOnly(2026, 7, 1)), Ct)).Succeeded);
        Assert.False((await Accounting.PostAsync(w.BoardMemberA, Call(w, accounts, 1m, new DateOnly(2026, 7, 1)), Ct)).Succeeded);
        Assert.False((await Accounting.PostAsync(outsider.W.Syndic, Call(w, accounts, 1m, new DateOnly(2026, 7, 1)), Ct)).Succeeded);
        Assert.Equal(300m, (await Reports.OwnerStatementAsync(w.OwnerActorA, period, w.OwnerA, Ct)).Value.Balance);
        Assert.False((await Reports.OwnerStatementAsync(w.OwnerActorB, period, w.OwnerA, Ct)).Succeeded);
        Assert.False((await Reports.OwnerStatementAsync(w.OwnerActorA, new ReportPeriod(w.BuildingB, year.Id), w.OwnerB, Ct)).Succeeded);
        Assert.False((await Reports.TrialBalanceAsync(w.OwnerActorA, period, "fr-BE", Ct)).Succeeded);
        Assert.False((await Reports.TrialBalanceAsync(w.TenantA, period, "fr-BE", Ct)).Succeeded);
        Assert.False((await Reports.TrialBalanceAsync(outsider.W.Accountant, period, "fr-BE", Ct)).Succeeded);
        Assert.False((await Accounting.JournalAsync(outsider.W.Syndic, w.BuildingA, new JournalQuery(), new PageRequest(0, 10), Ct)).Succeeded);
        Assert.False((await Chart.ChartAsync(outsider.W.Syndic, w.OrganisationId, "fr-BE", Ct)).Succeeded);
        Assert.True((await Reports.TrialBalanceAsync(w.BoardMemberA, period, "fr-BE", Ct)).Succeeded);   // the board checks the accounts
    }
}
