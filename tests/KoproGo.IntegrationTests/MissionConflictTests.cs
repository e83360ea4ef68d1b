using KoproGo.Core.Features.Assemblies;

namespace KoproGo.IntegrationTests;

/// <summary>
/// Art. 3.87 §7: whoever the ACP mandates, employs or buys services from takes no part in the vote on items about
/// their own mission — neither for themselves nor as a proxy's holder; the item's base leaves those voices out.
/// </summary>
public partial class AssemblyTests
{
    [Fact]
    public async Task MissionConflict_TheOwnerConcernedVotesNeitherInPersonNorAsProxy_AndTheBaseLeavesThoseVoicesOut()
    {
        var e = await TenOwnersAsync();
        var s = e.World.Syndic;
        var draft = (await Assemblies.CreateAsync(s, e.Building, At(fx.Clock.GetUtcNow().AddDays(20)), Ct)).Value;
        var refused = (await Assemblies.AddItemAsync(s, draft, new AgendaItemInput { Title = "Contrat", ConflictedOwnerIds = [e.World.OwnerA] }, Ct)).FirstError!;
        Assert.Equal(("error.meeting_not_owner", nameof(AgendaItemInput.ConflictedOwnerIds)), (refused.Code, refused.Field));

        // owner 3 (120 shares) runs the cleaning firm whose contract is renewed; they hold owner 7's proxy (70)
        var meeting = await ConvenedAsync(e,
            new AgendaItemInput { Title = "Renouvellement du contrat de nettoyage", ConflictedOwnerIds = [e.Owners[2]] },
            Resolution("Peinture du hall"));
        Assert.True((await Session.GrantProxyAsync(s, meeting, new ProxyInput { GrantorOwnerId = e.Owners[6], HolderOwnerId = e.Owners[2] }, Ct)).Succeeded);
        ToTheMeeting();
        await ArriveAsync(e, meeting, 0, 1, 2, 3, 4, 5);
        Assert.True((await Session.OpenAsync(s, meeting, Ct)).Value.HasQuorum());
        var items = (await Assemblies.GetAsync(s, meeting, Ct)).Value.Items;
        Assert.Equal("Owner03 Test", items[0].Conflicted);
        Assert.True((await Session.OpenItemAsync(s, items[0].Id, Ct)).Succeeded);

        Assert.Empty((await Assemblies.GetAsync(e.OwnerActors[2], meeting, Ct)).Value.MyVoices);
        Assert.Equal("error.vote_conflict", (await Session.VoteAsync(e.OwnerActors[2], items[0].Id, new BallotInput { OwnerId = e.Owners[2], Vote = Vote.For }, Ct)).FirstError!.Code);
        var asHolder = (await Session.VoteAsync(e.OwnerActors[2], items[0].Id, new BallotInput { OwnerId = e.Owners[6], Vote = Vote.For }, Ct)).FirstError!;
        Assert.Equal(("error.vote_conflict", "Owner03 Test"), (asHolder.Code, asHolder.Args.Single()?.ToString()));
        Assert.Equal("error.vote_conflict", (await Session.VoteAsync(s, items[0].Id, new BallotInput { OwnerId = e.Owners[6], Vote = Vote.For }, Ct)).FirstError!.Code);
        // 860 shares present or represented, less owner 3's 120 and the 70 they hold
        Assert.Equal(670m, (await Assemblies.GetAsync(s, meeting, Ct)).Value.Items[0].SharesPresent);
        await VoteAsync(e, items[0].Id, 0, Vote.For);
        await VoteAsync(e, items[0].Id, 1, Vote.Against);
        Assert.True((await Session.CloseItemAsync(s, items[0].Id, Ct)).Value.Adopted);

        // on another item they vote as usual, for both voices
        Assert.True((await Session.OpenItemAsync(s, items[1].Id, Ct)).Succeeded);
        Assert.Equal(2, (await Assemblies.GetAsync(e.OwnerActors[2], meeting, Ct)).Value.MyVoices.Count);
        await VoteAsync(e, items[1].Id, 2, Vote.For);
        await VoteAsync(e, items[1].Id, 6, Vote.For, by: e.OwnerActors[2]);
    }
}
