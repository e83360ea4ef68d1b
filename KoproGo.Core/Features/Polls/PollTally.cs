namespace KoproGo.Core.Features.Polls;

public sealed record OptionResult(Guid OptionId, string Text, int Count, decimal Percent);

/// <summary>
/// A poll's results: per option the votes and their share of the votes cast, the winner (none on a tie), the
/// participation (votes / eligible owners × 100), whether every eligible owner chose the same option (a unanimous poll
/// can be recorded as a written decision), the ratings' average and spread, the open answers.
/// </summary>
public sealed record PollResults(int Votes, int Eligible, decimal Participation, IReadOnlyList<OptionResult> Options, Guid? WinnerId, bool Unanimous,
    decimal? AverageRating, IReadOnlyList<int> RatingCounts, IReadOnlyList<string> Answers);

public static class PollTally
{
    public static PollResults Compute(Poll poll, int votes, int eligible, IReadOnlyDictionary<Guid, int> optionCounts, IReadOnlyDictionary<int, int> ratingCounts, IReadOnlyList<string> answers)
    {
        static decimal Percent(int part, int whole) => whole == 0 ? 0m : Math.Round(part * 100m / whole, 1, MidpointRounding.AwayFromZero);
        var options = poll.Options.OrderBy(o => o.Position)
            .Select(o => new OptionResult(o.Id, o.Text, optionCounts.GetValueOrDefault(o.Id), Percent(optionCounts.GetValueOrDefault(o.Id), votes))).ToList();
        var top = options.Count == 0 ? 0 : options.Max(o => o.Count);
        var leaders = options.Where(o => o.Count == top && top > 0).ToList();
        Guid? winner = leaders.Count == 1 ? leaders[0].OptionId : null;
        var unanimous = winner is not null && !poll.AllowMultiple && eligible > 0 && top == eligible;
        var ratings = Enumerable.Range(1, 5).Select(r => ratingCounts.GetValueOrDefault(r)).ToList();
        var rated = ratings.Sum();
        decimal? average = poll.Type == PollType.Rating && rated > 0
            ? Math.Round(Enumerable.Range(1, 5).Sum(r => r * ratingCounts.GetValueOrDefault(r)) / (decimal)rated, 2, MidpointRounding.AwayFromZero)
            : null;
        return new PollResults(votes, eligible, Percent(votes, eligible), options, winner, unanimous, average, ratings, answers);
    }
}
