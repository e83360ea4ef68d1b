using KoproGo.Core.Common;
using KoproGo.Core.Features.Assemblies;

namespace KoproGo.IntegrationTests;

/// <summary>
/// Art. 3.88 §4: a unanimous decision that failed only because owners were absent goes to a new meeting at least 30
/// days later, which decides it by the unanimity of the owners present or represented.
/// </summary>
public partial class AssemblyTests
{
    [Fact]
    public async Task UnanimityFailedThroughAbsence_ANewMeeting30DaysLater_DecidesByTheUnanimityOfThosePresent()
    {
        var e = await TenOwnersAsync();
        var s = e.World.Syndic;
        var meeting = await ConvenedAsync(e, Resolution("Modification des quotes-parts", Majority.Unanimity), Resolution("Approbation des comptes"));
        ToTheMeeting();
        await ArriveAsync(e, meeting, 0, 1, 2, 3, 4, 5, 6, 7, 8);                          // owner 10 (30 shares) stays home
        Assert.True((await Session.OpenAsync(s, meeting, Ct)).Value.HasQuorum());
        var items = (await Assemblies.GetAsync(s, meeting, Ct)).Value.Items;
        Assert.True((await Session.OpenItemAsync(s, items[0].Id, Ct)).Succeeded);
        for (var i = 0; i < 9; i++)
            await VoteAsync(e, items[0].Id, i, Vote.For);
        var failed = (await Session.CloseItemAsync(s, items[0].Id, Ct)).Value;
        Assert.Equal((false, OutcomeNote.UnanimityFailedThroughAbsence), (failed.Adopted, failed.Note));
        Assert.Equal("error.unanimity_retry_not_needed", (await Assemblies.ConveneUnanimityRetryAsync(s, meeting, At(fx.Clock.GetUtcNow().AddDays(31)), Ct)).FirstError!.Code);   // still sitting
        Assert.True((await Session.CloseAsync(s, meeting, Ct)).Succeeded);
        Assert.True((await Assemblies.GetAsync(s, meeting, Ct)).Value.NeedsUnanimityRetry);

        Assert.Equal("error.unanimity_retry_too_early", (await Assemblies.ConveneUnanimityRetryAsync(s, meeting, At(fx.Clock.GetUtcNow().AddDays(20)), Ct)).FirstError!.Code);
        Assert.Equal(Errors.Forbidden, (await Assemblies.ConveneUnanimityRetryAsync(e.OwnerActors[0], meeting, At(fx.Clock.GetUtcNow().AddDays(31)), Ct)).FirstError!.Code);
        var retry = (await Assemblies.ConveneUnanimityRetryAsync(s, meeting, At(fx.Clock.GetUtcNow().AddDays(31)), Ct)).Value;
        Assert.Equal("error.unanimity_retry_exists", (await Assemblies.ConveneUnanimityRetryAsync(s, meeting, At(fx.Clock.GetUtcNow().AddDays(32)), Ct)).FirstError!.Code);
        var detail = (await Assemblies.GetAsync(s, retry, Ct)).Value;
        var item = Assert.Single(detail.Items);
        Assert.Equal((MeetingStatus.Convened, meeting, "Modification des quotes-parts", true), (detail.Status, detail.RetryOfMeetingId!.Value, item.Title, item.UnanimityOfPresent));
        Assert.Equal(retry, (await Assemblies.GetAsync(s, meeting, Ct)).Value.RetryMeetingId);

        // six owners come (790 shares): all for is enough now, whoever stayed home
        fx.Clock.Advance(TimeSpan.FromDays(31));
        await ArriveAsync(e, retry, 0, 1, 2, 3, 4, 5);
        Assert.True((await Session.OpenAsync(s, retry, Ct)).Value.HasQuorum());
        Assert.True((await Session.OpenItemAsync(s, item.Id, Ct)).Succeeded);
        for (var i = 0; i < 6; i++)
            await VoteAsync(e, item.Id, i, Vote.For);
        Assert.True((await Session.CloseItemAsync(s, item.Id, Ct)).Value.Adopted);
    }
}
