using KoproGo.Core.Common;
using KoproGo.Core.Features.Polls;
using KoproGo.IntegrationTests;

namespace KoproGo.Core.Tests;

public class PollTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private static Poll Make(PollType type, bool multiple = false, params string[] options) =>
        Poll.Create(Guid.NewGuid(), Guid.NewGuid(), new PollInput { Title = "Q", Type = type, AllowMultiple = multiple, EndsAt = Now.AddDays(7) }, options, "u", Now);

    private static string[] Codes(Validation v) => v.Errors.Select(e => e.Code).ToArray();

    [Fact]
    public void Input_NeedsTheRightOptionsForItsType_AndAnEndInTheNext90Days()
    {
        PollInput Input(PollType type, params string[] options) => new() { Title = "Repeindre le hall ?", Type = type, EndsAt = Now.AddDays(10), Options = [.. options] };
        Assert.Contains("error.poll_option_count", Codes(Input(PollType.MultipleChoice, "Bleu").Validate(Now)));
        Assert.Contains("error.poll_option_count", Codes(Input(PollType.MultipleChoice, Enumerable.Range(1, 11).Select(i => $"o{i}").ToArray()).Validate(Now)));
        Assert.Contains("error.poll_option_twice", Codes(Input(PollType.MultipleChoice, "Bleu", "bleu").Validate(Now)));
        Assert.Contains("error.poll_option_text", Codes(Input(PollType.MultipleChoice, "Bleu", " ").Validate(Now)));
        Assert.Contains("error.poll_no_options", Codes(Input(PollType.Rating, "x").Validate(Now)));
        Assert.True(Input(PollType.MultipleChoice, "Bleu", "Vert", "Blanc").Validate(Now).IsValid);
        Assert.True(Input(PollType.YesNo).Validate(Now).IsValid);
        Assert.Contains("error.poll_ends_past", Codes(Input(PollType.YesNo).Let(i => i.EndsAt = Now.AddMinutes(-1)).Validate(Now)));
        Assert.Contains("error.poll_ends_far", Codes(Input(PollType.YesNo).Let(i => i.EndsAt = Now.AddDays(91)).Validate(Now)));
        Assert.Contains(Errors.Required, Codes(Input(PollType.YesNo).Let(i => i.Title = " ").Validate(Now)));
    }

    [Fact]
    public void Vote_MatchesThePollsType()
    {
        var yesNo = Make(PollType.YesNo, false, "Oui", "Non");
        var single = Make(PollType.MultipleChoice, false, "A", "B", "C");
        var multi = Make(PollType.MultipleChoice, true, "A", "B", "C");
        Assert.True(new VoteInput { OptionIds = [yesNo.Options[0].Id] }.Validate(yesNo).IsValid);
        Assert.Contains("error.vote_choose", Codes(new VoteInput().Validate(yesNo)));
        Assert.Contains("error.vote_one_option", Codes(new VoteInput { OptionIds = [single.Options[0].Id, single.Options[1].Id] }.Validate(single)));
        Assert.True(new VoteInput { OptionIds = [multi.Options[0].Id, multi.Options[2].Id] }.Validate(multi).IsValid);
        Assert.Contains("error.poll_option_unknown", Codes(new VoteInput { OptionIds = [yesNo.Options[0].Id] }.Validate(single)));
        var rating = Make(PollType.Rating);
        Assert.Contains("error.vote_rating", Codes(new VoteInput { Rating = 0 }.Validate(rating)));
        Assert.Contains("error.vote_rating", Codes(new VoteInput { Rating = 6 }.Validate(rating)));
        Assert.True(new VoteInput { Rating = 5 }.Validate(rating).IsValid);
        var open = Make(PollType.OpenEnded);
        Assert.Contains(Errors.TooLong, Codes(new VoteInput { Answer = new string('x', 1_001) }.Validate(open)));
        Assert.Contains(Errors.Required, Codes(new VoteInput { Answer = " " }.Validate(open)));
    }

    [Fact]
    public void States_DraftActiveClosed_OrCancelled()
    {
        var poll = Make(PollType.YesNo, false, "Oui", "Non");
        Assert.False(poll.IsOpenAt(Now));
        Assert.Throws<InvalidOperationException>(() => poll.Close(Now));
        poll.Publish(Now);
        Assert.True(poll.IsOpenAt(Now));
        Assert.False(poll.IsOpenAt(Now.AddDays(7)));          // its end has come, closed or not yet
        poll.Close(Now);
        Assert.Throws<InvalidOperationException>(() => poll.Cancel(Now));
    }

    [Fact]
    public void Tally_CountsPercentsWinnerParticipation_AndUnanimity()
    {
        var poll = Make(PollType.MultipleChoice, false, "Bleu", "Vert", "Blanc");
        var (blue, green, white) = (poll.Options[0].Id, poll.Options[1].Id, poll.Options[2].Id);
        var r = PollTally.Compute(poll, 8, 20, new Dictionary<Guid, int> { [blue] = 5, [green] = 2, [white] = 1 }, new Dictionary<int, int>(), []);
        Assert.Equal([62.5m, 25m, 12.5m], r.Options.Select(o => o.Percent));
        Assert.Equal((blue, 40m, false), (r.WinnerId, r.Participation, r.Unanimous));
        var tie = PollTally.Compute(poll, 4, 20, new Dictionary<Guid, int> { [blue] = 2, [green] = 2 }, new Dictionary<int, int>(), []);
        Assert.Null(tie.WinnerId);
        var all = PollTally.Compute(poll, 3, 3, new Dictionary<Guid, int> { [white] = 3 }, new Dictionary<int, int>(), []);
        Assert.True(all.Unanimous);
        Assert.Equal(100m, all.Participation);
        var none = PollTally.Compute(poll, 0, 0, new Dictionary<Guid, int>(), new Dictionary<int, int>(), []);
        Assert.Equal((0m, (Guid?)null), (none.Participation, none.WinnerId));
        var rating = PollTally.Compute(Make(PollType.Rating), 4, 10, new Dictionary<Guid, int>(), new Dictionary<int, int> { [5] = 2, [4] = 1, [1] = 1 }, []);
        Assert.Equal(3.75m, rating.AverageRating);
        Assert.Equal([1, 0, 0, 1, 2], rating.RatingCounts);
    }
}
