using KoproGo.Core.Common;
using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Assemblies;
using KoproGo.Core.Features.Buildings;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.IntegrationTests;

/// <summary>
/// An item about charges the statutes put on some lots only (Civil Code Art. 3.87): only those lots' owners vote, with
/// their weight in the charges' distribution key — here the lift, which lot 1 (the ground floor) does not pay for.
/// </summary>
public partial class AssemblyTests
{
    [Fact]
    public async Task ConcernedLotsItem_OnlyTheLiftKeysOwnersVote_ByTheirWeightInIt_NotByTheirShares()
    {
        var e = await TenOwnersAsync();
        var s = e.World.Syndic;
        var invoices = fx.Get<IInvoiceService>();
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct))
        {
            var units = await db.Units.Where(u => u.BuildingId == e.Building).ToDictionaryAsync(u => u.Number, u => u.Id, Ct);
            // lots 2–10 pay for the lift, 10 each, except lot 4 (the penthouse) with 40; lot 1 pays nothing
            var weights = Enumerable.Range(2, 9).ToDictionary(n => units[$"L{n}"], n => n == 4 ? 40m : 10m);
            var lift = (await invoices.CreateKeyAsync(s, e.Building, new DistributionKeyInput { Name = "Ascenseur", Weights = weights }, Ct)).Value;
            var elsewhere = (await fx.Get<IBuildingService>().CreateUnitAsync(s, e.World.BuildingA, new UnitInput { Number = "X1", Shares = 10 }, Ct)).Value;
            var foreign = (await invoices.CreateKeyAsync(s, e.World.BuildingA, new DistributionKeyInput { Name = "Autre", Weights = new() { [elsewhere] = 1m } }, Ct)).Value;

            var draft = (await Assemblies.CreateAsync(s, e.Building, At(fx.Clock.GetUtcNow().AddDays(20)), Ct)).Value;
            var refused = (await Assemblies.AddItemAsync(s, draft, new AgendaItemInput { Title = "Ascenseur", DistributionKeyId = foreign }, Ct)).FirstError!;
            Assert.Equal((Errors.NotFound, nameof(AgendaItemInput.DistributionKeyId)), (refused.Code, refused.Field));
            Assert.Equal("error.item_key_budget",
                (await Assemblies.AddItemAsync(s, draft, new AgendaItemInput { Title = "Budget", BudgetId = Guid.NewGuid(), DistributionKeyId = lift }, Ct)).FirstError!.Code);
            Assert.Equal(0, await db.AgendaItems.CountAsync(i => i.MeetingId == draft, Ct));

            var meeting = await ConvenedAsync(e, new AgendaItemInput { Title = "Remplacement de l'ascenseur", DistributionKeyId = lift });
            var item = (await Assemblies.GetAsync(s, meeting, Ct)).Value.Items.Single();
            Assert.Equal("Ascenseur", item.ConcernedKey);

            ToTheMeeting();
            await ArriveAsync(e, meeting, 0, 1, 2, 3, 4, 5);                                // 6 heads, 790 shares
            Assert.True((await Session.OpenAsync(s, meeting, Ct)).Value.HasQuorum());
            Assert.True((await Session.OpenItemAsync(s, item.Id, Ct)).Succeeded);

            // owner 1 holds the largest share of the building but pays nothing for the lift: no ballot on their phone, and refused
            Assert.Empty((await Assemblies.GetAsync(e.OwnerActors[0], meeting, Ct)).Value.MyVoices);
            Assert.Equal("error.vote_not_concerned", (await Session.VoteAsync(e.OwnerActors[0], item.Id, new BallotInput { OwnerId = e.Owners[0], Vote = Vote.For }, Ct)).FirstError!.Code);
            Assert.Equal("error.vote_not_concerned", (await Session.VoteAsync(s, item.Id, new BallotInput { OwnerId = e.Owners[0], Vote = Vote.For }, Ct)).FirstError!.Code);
            Assert.Equal(40m, (await Assemblies.GetAsync(e.OwnerActors[3], meeting, Ct)).Value.MyVoices.Single().Shares);

            await VoteAsync(e, item.Id, 1, Vote.For);                                        // 150 shares, 10 in the key
            await VoteAsync(e, item.Id, 4, Vote.For);                                        //  90 shares, 10
            await VoteAsync(e, item.Id, 5, Vote.For);                                        //  80 shares, 10
            await VoteAsync(e, item.Id, 2, Vote.Against);                                    // 120 shares, 10
            await VoteAsync(e, item.Id, 3, Vote.Against);                                    // 100 shares, 40
            var live = (await Assemblies.GetAsync(s, meeting, Ct)).Value.Items.Single();
            Assert.Equal(80m, live.SharesPresent);                                           // the key's weights present: 10 + 10 + 40 + 10 + 10
            var outcome = (await Session.CloseItemAsync(s, item.Id, Ct)).Value;
            // by shares it would pass 320 to 220; in the lift key it fails 30 to 50
            Assert.Equal((false, 30m, 50m), (outcome.Adopted, outcome.For, outcome.Against));
        }
    }
}
