using KoproGo.Core.Common;
using KoproGo.Core.Features.Accounting;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KoproGo.IntegrationTests;

/// <summary>The database refuses a date or an instant outside 1900–2200 in every column (KoproGoDbContext.CalendarDatesInRange).</summary>
[Collection(DatabaseCollection.Name)]
public class DateColumnRangeTests(DatabaseFixture fx)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryDateAndInstantColumn_HasItsRangeCheck_InTheDatabase()
    {
        // read from the database, not from the model: a column the convention missed shows here
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        var columns = await db.Database.SqlQueryRaw<string>(
            "SELECT 'ck_' || table_name || '_' || column_name || '_range' AS \"Value\" FROM information_schema.columns " +
            "WHERE table_schema = 'public' AND data_type IN ('date', 'timestamp with time zone', 'timestamp without time zone') " +
            "AND table_name NOT LIKE 'AspNet%'").ToListAsync(Ct);
        Assert.True(columns.Count > 90, $"{columns.Count} date columns");
        var installed = await db.Database.SqlQueryRaw<string>("SELECT conname::text AS \"Value\" FROM pg_constraint WHERE contype = 'c' AND conname LIKE 'ck\\_%\\_range'").ToListAsync(Ct);
        Assert.Empty(columns.Except(installed));
    }

    [Theory]
    [InlineData("-infinity")]
    [InlineData("infinity")]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    public async Task FiscalYear_StoredOutOfRange_IsRefusedByTheDatabase(string date)
    {
        var w = await World.CreateAsync(fx, Ct);
        var year = (await fx.Get<IFiscalYearService>().OpenNextFiscalYearAsync(w.Syndic, w.BuildingA, Ct)).Value;
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        var refused = await Assert.ThrowsAsync<PostgresException>(() =>
            db.Database.ExecuteSqlRawAsync("UPDATE fiscal_years SET start_date = {0}::date WHERE id = {1}", [date, year.Id], Ct));
        Assert.Equal(PostgresErrorCodes.CheckViolation, refused.SqlState);
        Assert.Equal("ck_fiscal_years_start_date_range", refused.ConstraintName);
    }
}
