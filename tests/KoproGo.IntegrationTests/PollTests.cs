using KoproGo.Core.Common;
using KoproGo.Core.Features.Audit;
using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Owners;
using KoproGo.Core.Features.Polls;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.IntegrationTests;

[Collection(DatabaseCollection.Name)]
public class PollTests(DatabaseFixture fx)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private IPollService Polls => fx.Get<IPollService>();

    /// <summary>Building A with A1 (owner A) and A9 (owner B): two eligible owners.</summary>
    private async Task<World> SetUpAsync()
    {
        var w = await World.CreateAsync(fx, Ct);
        await w.GiveOwnerBLotA9Async(fx, Ct);
        return w;
    }

    private PollInput Input(PollType type, bool anonymous = false, params string[] options) =>
        new() { Title = $"Sondage {type}", Type = type, Anonymous = anonymous, EndsAt = fx.Clock.GetUtcNow().AddDays(7), Options = [.. options] };

    [Fact]
    public async Task Poll_FromDraftToResults_OneVotePerOwner_AndOnlyOwnersOfTheBuilding()
    {
        var w = await SetUpAsync();
        var id = (await Polls.CreateAsync(w.Syndic, w.BuildingA, Input(PollType.YesNo), Ct)).Value;
        var draft = (await Polls.GetAsync(w.Syndic, id, Ct)).Value;
        Assert.Equal(["Oui", "Non"], draft.Options.Select(o => o.Text));
        Assert.Equal(Errors.NotFound, (await Polls.GetAsync(w.OwnerActorA, id, Ct)).FirstError!.Code);            // drafts are the syndic's
        var yes = draft.Options[0].Id;
        Assert.Equal("error.poll_not_open", (await Polls.VoteAsync(w.Syndic, id, new VoteInput { OptionIds = [yes] }, Ct)).FirstError!.Code);
        Assert.Equal(Errors.Forbidden, (await Polls.PublishAsync(w.BoardMemberA, id, Ct)).FirstError!.Code);
        Assert.True((await Polls.PublishAsync(w.Syndic, id, Ct)).Succeeded);

        Assert.Equal("error.vote_not_owner", (await Polls.VoteAsync(w.TenantA, id, new VoteInput { OptionIds = [yes] }, Ct)).FirstError!.Code);
        Assert.Equal(Errors.NotFound, (await Polls.VoteAsync((await World.CreateAsync(fx, Ct)).OwnerActorA, id, new VoteInput { OptionIds = [yes] }, Ct)).FirstError!.Code);
        Assert.Equal("error.poll_option_unknown", (await Polls.VoteAsync(w.OwnerActorA, id, new VoteInput { OptionIds = [Guid.NewGuid()] }, Ct)).FirstError!.Code);

        // ten clicks at once by the same owner: one vote
        var attempts = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => fx.Get<IPollService>().VoteAsync(w.OwnerActorA, id, new VoteInput { OptionIds = [yes] }, Ct))));
        Assert.Equal(1, attempts.Count(a => a.Succeeded));
        Assert.All(attempts.Where(a => !a.Succeeded), a => Assert.Equal("error.vote_twice", a.FirstError!.Code));

        var ownerView = (await Polls.GetAsync(w.OwnerActorA, id, Ct)).Value;
        Assert.Equal((true, false, (PollResults?)null), (ownerView.Poll.HasVoted, ownerView.CanVote, ownerView.Results));      // results after closing
        Assert.True((await Polls.CloseAsync(w.Syndic, id, Ct)).Succeeded);
        Assert.Equal("error.poll_not_open", (await Polls.VoteAsync(w.OwnerActorB, id, new VoteInput { OptionIds = [yes] }, Ct)).FirstError!.Code);
        var results = (await Polls.GetAsync(w.OwnerActorB, id, Ct)).Value.Results!;
        Assert.Equal((1, 2, 50m, yes, 100m), (results.Votes, results.Eligible, results.Participation, results.WinnerId, results.Options[0].Percent));
        Assert.False(results.Unanimous);
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        Assert.Equal(w.OwnerA, (await db.PollBallots.SingleAsync(b => b.PollId == id, Ct)).OwnerId);                  // a named poll
    }

    [Fact]
    public async Task AnonymousBallots_HoldNoOwner_AndStillOnlyOneVoteEach()
    {
        var w = await SetUpAsync();
        var id = (await Polls.CreateAsync(w.Syndic, w.BuildingA, Input(PollType.MultipleChoice, anonymous: true, "Bleu", "Vert", "Blanc").Let(i => i.AllowMultiple = true), Ct)).Value;
        Assert.True((await Polls.PublishAsync(w.Syndic, id, Ct)).Succeeded);
        var options = (await Polls.GetAsync(w.Syndic, id, Ct)).Value.Options;
        Assert.True((await Polls.VoteAsync(w.OwnerActorA, id, new VoteInput { OptionIds = [options[0].Id, options[2].Id] }, Ct)).Succeeded);
        Assert.True((await Polls.VoteAsync(w.OwnerActorB, id, new VoteInput { OptionIds = [options[0].Id] }, Ct)).Succeeded);
        Assert.Equal("error.vote_twice", (await Polls.VoteAsync(w.OwnerActorB, id, new VoteInput { OptionIds = [options[1].Id] }, Ct)).FirstError!.Code);

        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        var ballots = await db.PollBallots.Where(b => b.PollId == id).ToListAsync(Ct);
        Assert.Equal(2, ballots.Count);
        Assert.All(ballots, b => Assert.Null(b.OwnerId));
        Assert.All(ballots, b => Assert.Equal(4, b.Id.Version));                            // random ids: no order to match with the participations
        var columns = await db.Database.SqlQuery<string>($"SELECT column_name AS \"Value\" FROM information_schema.columns WHERE table_name = 'poll_ballots'").ToListAsync(Ct);
        Assert.DoesNotContain(columns, c => c.Contains("at", StringComparison.Ordinal) && c.EndsWith("_at", StringComparison.Ordinal));   // no time to match either
        var text = string.Join("|", await db.Database.SqlQuery<string>($"SELECT row_to_json(b)::text AS \"Value\" FROM poll_ballots b WHERE poll_id = {id}").ToListAsync(Ct));
        Assert.DoesNotContain(w.OwnerA.ToString(), text, StringComparison.Ordinal);
        Assert.DoesNotContain(w.OwnerB.ToString(), text, StringComparison.Ordinal);
        Assert.Equal(2, await db.PollParticipations.CountAsync(p => p.PollId == id, Ct));

        var results = (await Polls.GetAsync(w.Syndic, id, Ct)).Value.Results!;
        Assert.Equal([2, 0, 1], results.Options.Select(o => o.Count));
    }

    [Fact]
    public async Task CloseJob_ClosesDuePolls_Once_AndBadPollsAreRefused()
    {
        var w = await SetUpAsync();
        var id = (await Polls.CreateAsync(w.Syndic, w.BuildingA, Input(PollType.Rating).Let(i => i.EndsAt = fx.Clock.GetUtcNow().AddHours(1)), Ct)).Value;
        Assert.True((await Polls.PublishAsync(w.Syndic, id, Ct)).Succeeded);
        Assert.True((await Polls.VoteAsync(w.OwnerActorA, id, new VoteInput { Rating = 4 }, Ct)).Succeeded);
        Assert.Equal("error.vote_rating", (await Polls.VoteAsync(w.OwnerActorB, id, new VoteInput { Rating = 6 }, Ct)).FirstError!.Code);
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct))
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE polls SET ends_at = ends_at - interval '2 hours' WHERE id = {id}", Ct);

        var job = fx.Get<PollCloseJob>();
        var runs = await Task.WhenAll(job.RunAsync(Ct), fx.Get<PollCloseJob>().RunAsync(Ct));
        Assert.Equal(1, runs.Sum());
        Assert.Equal(0, await job.RunAsync(Ct));
        var closed = (await Polls.GetAsync(w.OwnerActorB, id, Ct)).Value;
        Assert.Equal((PollStatus.Closed, 4m), (closed.Poll.Status, closed.Results!.AverageRating));
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct))
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.EntityId == id.ToString() && a.Action == "poll.closed", Ct));

        async Task<string> Refused(PollInput input) => (await Polls.CreateAsync(w.Syndic, w.BuildingA, input, Ct)).FirstError!.Code;
        Assert.Equal("error.poll_option_count", await Refused(Input(PollType.MultipleChoice, false, "Seul")));
        Assert.Equal("error.poll_no_options", await Refused(Input(PollType.YesNo, false, "Peut-être")));
        Assert.Equal("error.poll_ends_past", await Refused(Input(PollType.YesNo).Let(i => i.EndsAt = fx.Clock.GetUtcNow().AddDays(-1))));
        Assert.Equal(Errors.Forbidden, (await Polls.CreateAsync(w.OwnerActorA, w.BuildingA, Input(PollType.YesNo), Ct)).FirstError!.Code);
        Assert.Equal(Errors.NotFound, (await Polls.ListAsync((await World.CreateAsync(fx, Ct)).OwnerActorA, w.BuildingA, Ct)).FirstError!.Code);
        await using var check = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        Assert.Equal(1, await check.Polls.CountAsync(p => p.BuildingId == w.BuildingA, Ct));
    }
}
