using KoproGo.Core.Common;
using KoproGo.Core.Features.Audit;
using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Owners;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.IntegrationTests;

[Collection(DatabaseCollection.Name)]
public class BuildingAndOwnershipTests(DatabaseFixture fx)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateUnit_SharesOverTotal_RefusedWithRemaining()
    {
        var w = await World.CreateAsync(fx, Ct);
        var result = await fx.Get<IBuildingService>().CreateUnitAsync(w.Syndic, w.BuildingA, new UnitInput { Number = "A2", Shares = 901 }, Ct);
        Assert.False(result.Succeeded);
        Assert.Equal("error.shares_exceed_total", result.FirstError!.Code);
        Assert.Equal(900, result.FirstError.Args[1]);
        var units = await fx.Get<IBuildingService>().UnitsAsync(w.Syndic, w.BuildingA, new PageRequest(), Ct);
        Assert.Equal(1, units.Value.TotalCount);
    }

    [Fact]
    public async Task UnitsPage_SortsLotNumbersNaturally()
    {
        var w = await World.CreateAsync(fx, Ct);
        var service = fx.Get<IBuildingService>();
        foreach (var number in new[] { "A10", "A2", "2.01", "1.05", "H1" })
            Assert.True((await service.CreateUnitAsync(w.Syndic, w.BuildingA, new UnitInput { Number = number, Shares = 10 }, Ct)).Succeeded);
        var page = await service.UnitsAsync(w.Syndic, w.BuildingA, new PageRequest(), Ct);
        Assert.Equal(["1.05", "2.01", "A1", "A2", "A10", "H1"], page.Value.Items.Select(u => u.Number).ToArray());
    }

    [Fact]
    public async Task CreateUnit_DuplicateNumber_Refused()
    {
        var w = await World.CreateAsync(fx, Ct);
        var result = await fx.Get<IBuildingService>().CreateUnitAsync(w.Syndic, w.BuildingA, new UnitInput { Number = "A1", Shares = 10 }, Ct);
        Assert.Equal("error.unit_number_taken", result.FirstError!.Code);
    }

    [Fact]
    public async Task CreateUnit_ParallelWritersFillingTheBuilding_NeverExceedTotal()
    {
        var w = await World.CreateAsync(fx, Ct);
        var service = fx.Get<IBuildingService>();
        // 900 shares remain; 20 writers ask for 100 each at once: exactly 9 may succeed
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => service.CreateUnitAsync(w.Syndic, w.BuildingA, new UnitInput { Number = $"P{i}", Shares = 100 }, Ct), Ct)));
        Assert.Equal(9, results.Count(r => r.Succeeded));
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal("error.shares_exceed_total", r.FirstError!.Code));
        var details = await service.GetAsync(w.Syndic, w.BuildingA, Ct);
        Assert.Equal(1000, details.Value.SharesAllocated);
    }

    [Fact]
    public async Task UpdateBuilding_TotalBelowAllocated_Refused()
    {
        var w = await World.CreateAsync(fx, Ct);
        var service = fx.Get<IBuildingService>();
        var b = (await service.GetAsync(w.Syndic, w.BuildingA, Ct)).Value.Building;
        var input = new BuildingInput { Name = b.Name, Street = b.Street, PostalCode = b.PostalCode, City = b.City, TotalShares = 99, Slug = b.Slug };
        var result = await service.UpdateAsync(w.Syndic, w.BuildingA, input, Ct);
        Assert.Equal("error.total_below_allocated", result.FirstError!.Code);
    }

    [Fact]
    public async Task CreateBuilding_InvalidIbanAndEnterpriseNumber_RefusedAndNothingSaved()
    {
        var w = await World.CreateAsync(fx, Ct);
        var service = fx.Get<IBuildingService>();
        var before = (await service.ListAsync(w.Syndic, Ct)).Count;
        var result = await service.CreateAsync(w.Syndic, w.OrganisationId, new BuildingInput
        {
            Name = "X",
            Street = "Rue 1",
            PostalCode = "1000",
            City = "Bxl",
            Slug = "x-" + Guid.NewGuid().ToString("N")[..6],
            WorkingFundIban = "BE68 5390 0754 7035",
            EnterpriseNumber = "0403.170.702",
        }, Ct);
        Assert.Equal(["EnterpriseNumber", "WorkingFundIban"], result.Errors.Select(e => e.Field).Order().ToArray());
        Assert.Equal(before, (await service.ListAsync(w.Syndic, Ct)).Count);
    }

    [Fact]
    public async Task SaveOwnerships_SixtyForty_ThenTransfer_KeepsHistory()
    {
        var w = await World.CreateAsync(fx, Ct);
        var owners = fx.Get<IOwnerService>();
        var split = new ChangeOwnershipInput
        {
            EffectiveDate = new DateOnly(2022, 3, 1),
            Lines = [new() { OwnerId = w.OwnerA, Percentage = 60, IsPrimaryContact = true }, new() { OwnerId = w.OwnerB, Percentage = 40 }],
        };
        Assert.True((await owners.SaveOwnershipsAsync(w.Syndic, w.UnitA1, split, Ct)).Succeeded);
        var transfer = new ChangeOwnershipInput { EffectiveDate = new DateOnly(2025, 9, 15), Lines = [new() { OwnerId = w.OwnerB, Percentage = 100, IsPrimaryContact = true }] };
        Assert.True((await owners.TransferAsync(w.Syndic, w.UnitA1, transfer, Ct)).Succeeded);

        var state = (await owners.UnitOwnershipsAsync(w.Syndic, w.UnitA1, Ct)).Value;
        var current = Assert.Single(state.Active);
        Assert.Equal((w.OwnerB, 100m, new DateOnly(2025, 9, 15)), (current.OwnerId, current.Percentage, current.StartDate));
        Assert.Equal(3, state.History.Count);   // 100 % A until 2022, then 60/40 until the transfer
        Assert.All(state.History, h => Assert.NotNull(h.EndDate));
    }

    [Fact]
    public async Task Transfer_DateBeforeCurrentStart_RefusedAndNothingChanged()
    {
        var w = await World.CreateAsync(fx, Ct);
        var owners = fx.Get<IOwnerService>();
        var result = await owners.TransferAsync(w.Syndic, w.UnitA1,
            new ChangeOwnershipInput { EffectiveDate = new DateOnly(2019, 12, 31), Lines = [new() { OwnerId = w.OwnerB, IsPrimaryContact = true }] }, Ct);
        Assert.Equal("error.transfer_before_start", result.FirstError!.Code);
        var state = (await owners.UnitOwnershipsAsync(w.Syndic, w.UnitA1, Ct)).Value;
        Assert.Equal(w.OwnerA, Assert.Single(state.Active).OwnerId);
        Assert.Empty(state.History);
    }

    [Fact]
    public async Task SaveOwnerships_NotHundredPercent_Refused()
    {
        var w = await World.CreateAsync(fx, Ct);
        var result = await fx.Get<IOwnerService>().SaveOwnershipsAsync(w.Syndic, w.UnitA1, new ChangeOwnershipInput
        {
            EffectiveDate = new DateOnly(2023, 1, 1),
            Lines = [new() { OwnerId = w.OwnerA, Percentage = 60, IsPrimaryContact = true }, new() { OwnerId = w.OwnerB, Percentage = 30 }],
        }, Ct);
        Assert.Equal("error.ownership_sum", result.FirstError!.Code);
    }

    [Fact]
    public async Task MyUnits_Owner_SeesOwnUnitAndCoOwnersOnly()
    {
        var w = await World.CreateAsync(fx, Ct);
        var owners = fx.Get<IOwnerService>();
        await owners.SaveOwnershipsAsync(w.Syndic, w.UnitA1, new ChangeOwnershipInput
        {
            EffectiveDate = new DateOnly(2024, 1, 1),
            Lines = [new() { OwnerId = w.OwnerA, Percentage = 60, IsPrimaryContact = true }, new() { OwnerId = w.OwnerB, Percentage = 40 }],
        }, Ct);
        var mine = await owners.MyUnitsAsync(w.OwnerActorA, Ct);
        var unit = Assert.Single(mine);
        Assert.Equal(("A1", 60m), (unit.UnitNumber, unit.Percentage));
        Assert.Single(unit.CoOwners, c => c.StartsWith("Beta Bert", StringComparison.Ordinal));
        // the change was notified to the linked users of both owners? Only owners with accounts get one: none here
    }

    [Fact]
    public async Task DirectSql_UnbalancedOwnershipOrTooManyShares_FailsAtCommit()
    {
        var w = await World.CreateAsync(fx, Ct);
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        var tooMany = await Assert.ThrowsAnyAsync<Exception>(() =>
            db.Database.ExecuteSqlInterpolatedAsync($"UPDATE units SET shares = 1001 WHERE id = {w.UnitA1}", Ct));
        Assert.Equal("23514", tooMany.SqlState());
        var unbalanced = await Assert.ThrowsAnyAsync<Exception>(() =>
            db.Database.ExecuteSqlInterpolatedAsync($"UPDATE ownerships SET percentage = 50 WHERE unit_id = {w.UnitA1}", Ct));
        Assert.Equal("23514", unbalanced.SqlState());
    }

    [Fact]
    public async Task AuditLog_IsAppendOnly_AndRecordsChanges()
    {
        var w = await World.CreateAsync(fx, Ct);
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        var actions = await db.AuditEntries.Where(a => a.OrganisationId == w.OrganisationId).Select(a => a.Action).ToListAsync(Ct);
        Assert.Contains("building.created", actions);
        Assert.Contains("unit.created", actions);
        Assert.Contains("ownership.changed", actions);
        var update = await Assert.ThrowsAnyAsync<Exception>(() =>
            db.Database.ExecuteSqlInterpolatedAsync($"UPDATE audit_entries SET action = 'forged' WHERE organisation_id = {w.OrganisationId}", Ct));
        Assert.Contains("append-only", update.InnerException?.Message ?? update.Message, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<Exception>(() =>
            db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM audit_entries WHERE organisation_id = {w.OrganisationId}", Ct));
    }
}
