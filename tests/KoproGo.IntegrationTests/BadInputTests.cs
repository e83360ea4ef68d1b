using KoproGo.Core.Common;
using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Owners;

namespace KoproGo.IntegrationTests;

/// <summary>Hostile values typed or pasted into the app: a message or a harmless result, never a database error.</summary>
[Collection(DatabaseCollection.Name)]
public class BadInputTests(DatabaseFixture fx)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Nul_InAnOwnerForm_IsDroppedAndTheRestSaved()
    {
        var w = await World.CreateAsync(fx, Ct);
        var owners = fx.Get<IOwnerService>();
        var created = await owners.CreateAsync(w.Syndic, w.OrganisationId, new OwnerInput { LastName = "Dela\0croix", FirstName = "\0Eva", Email = $"eva-{Guid.NewGuid():N}@example.be" }, Ct);
        Assert.True(created.Succeeded, created.FirstError?.Code);
        var owner = (await owners.GetAsync(w.Syndic, created.Value, Ct)).Value;
        Assert.Equal(("Delacroix", "Eva"), (owner.LastName, owner.FirstName));
    }

    [Fact]
    public async Task Nul_InTheOwnersAndUnitsSearch_SearchesWithoutIt()
    {
        var w = await World.CreateAsync(fx, Ct);
        var found = await fx.Get<IOwnerService>().SearchAsync(w.Syndic, w.OrganisationId, new PageRequest(Search: "Al\0pha"), Ct);
        Assert.True(found.Succeeded, found.FirstError?.Code);
        Assert.Contains(found.Value.Items, o => o.Id == w.OwnerA);
        var units = await fx.Get<IBuildingService>().UnitsAsync(w.Syndic, w.BuildingA, new PageRequest(Search: "A\01"), Ct);
        Assert.True(units.Succeeded, units.FirstError?.Code);
    }

    [Fact]
    public async Task Nul_InAJournalEntryDescription_IsDroppedOnTheBulkInsertToo()
    {
        // journal entries go in by COPY, which bypasses the command interceptor
        var w = await World.CreateAsync(fx, Ct);
        var accounting = fx.Get<IAccountingService>();
        var fiscalYearService = fx.Get<IFiscalYearService>();
        var chartService = fx.Get<IChartService>();
        var accounts = (await chartService.ChartAsync(w.Syndic, w.OrganisationId, "fr-BE", Ct)).Value.ToDictionary(a => a.Code, a => a.Id);
        Assert.True((await fiscalYearService.OpenNextFiscalYearAsync(w.Syndic, w.BuildingA, Ct)).Succeeded);
        var posted = await accounting.PostAsync(w.Accountant, new EntryDraft
        {
            BuildingId = w.BuildingA,
            Date = new DateOnly(2026, 3, 1),
            Description = "Entre\0tien",
            Lines = [new() { AccountId = accounts["610"], Debit = 10m }, new() { AccountId = accounts["440"], Credit = 10m }],
        }, Ct);
        Assert.True(posted.Succeeded, posted.FirstError?.Code);
        var journal = await accounting.JournalAsync(w.Accountant, w.BuildingA, new JournalQuery(), new PageRequest(), Ct);
        Assert.Equal("Entretien", Assert.Single(journal.Value.Items).Description);
    }
}
