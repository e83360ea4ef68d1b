namespace KoproGo.Core.Features.Polls;

public sealed record PollRow(Guid Id, string Title, PollType Type, PollStatus Status, DateTimeOffset EndsAt, bool Anonymous, int Votes, bool HasVoted);

public sealed record PollDetail(PollRow Poll, Guid BuildingId, string BuildingName, string? Description, bool AllowMultiple, IReadOnlyList<PollOption> Options,
    bool CanManage, bool CanVote, PollResults? Results);

public interface IPollService
{
    /// <summary>The building's polls: every one for the syndic and staff, the published ones for co-owners and tenants.</summary>
    Task<Result<IReadOnlyList<PollRow>>> ListAsync(Actor actor, Guid buildingId, CancellationToken ct);
    /// <summary>A poll, and its results for staff at any time and for everyone once it is closed.</summary>
    Task<Result<PollDetail>> GetAsync(Actor actor, Guid pollId, CancellationToken ct);
    Task<Result<Guid>> CreateAsync(Actor actor, Guid buildingId, PollInput input, CancellationToken ct);
    Task<Result> PublishAsync(Actor actor, Guid pollId, CancellationToken ct);
    Task<Result> CloseAsync(Actor actor, Guid pollId, CancellationToken ct);
    Task<Result> CancelAsync(Actor actor, Guid pollId, CancellationToken ct);
    /// <summary>One vote per owner of the building (a second is refused, in parallel too).</summary>
    Task<Result> VoteAsync(Actor actor, Guid pollId, VoteInput input, CancellationToken ct);
}

public sealed class PollService(IKoproGoDbFactory dbFactory, INotificationService notifications, TimeProvider clock) : IPollService
{
    private static readonly PollStatus[] Published = [PollStatus.Active, PollStatus.Closed];

    public async Task<Result<IReadOnlyList<PollRow>>> ListAsync(Actor actor, Guid buildingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var building = await db.ReadableBuildings(actor, clock.Today()).AsNoTracking().FirstOrDefaultAsync(b => b.Id == buildingId, ct);
        if (building is null)
            return Errors.NotFoundError;
        var staff = actor.IsStaffOf(building.OrganisationId, building.Id);
        var ownerIds = actor.OwnerIds.ToList();
        var rows = await db.Polls.AsNoTracking().Where(p => p.BuildingId == buildingId && (staff || Published.Contains(p.Status)))
            .OrderByDescending(p => p.CreatedAt)
            .Select(p => new PollRow(p.Id, p.Title, p.Type, p.Status, p.EndsAt, p.Anonymous,
                db.Set<PollParticipation>().Count(x => x.PollId == p.Id),
                db.Set<PollParticipation>().Any(x => x.PollId == p.Id && ownerIds.Contains(x.OwnerId))))
            .ToListAsync(ct);
        return rows;
    }

    /// <summary>The poll if the actor reads its building; drafts and cancelled polls only for staff.</summary>
    private async Task<(Poll Poll, Building Building)?> ReadableAsync(IKoproGoDb db, Actor actor, Guid pollId, CancellationToken ct)
    {
        var poll = await db.Polls.AsNoTracking().Include(p => p.Options).FirstOrDefaultAsync(p => p.Id == pollId, ct);
        if (poll is null)
            return null;
        var building = await db.ReadableBuildings(actor, clock.Today()).AsNoTracking().FirstOrDefaultAsync(b => b.Id == poll.BuildingId, ct);
        if (building is null || (!actor.IsStaffOf(building.OrganisationId, building.Id) && !Published.Contains(poll.Status)))
            return null;
        return (poll, building);
    }

    public async Task<Result<PollDetail>> GetAsync(Actor actor, Guid pollId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        if (await ReadableAsync(db, actor, pollId, ct) is not { } found)
            return Errors.NotFoundError;
        var (poll, building) = found;
        var staff = actor.IsStaffOf(building.OrganisationId, building.Id);
        var now = clock.GetUtcNow();
        var voter = await VoterAsync(db, actor, building.Id, ct);
        var votes = await db.PollParticipations.CountAsync(x => x.PollId == pollId, ct);
        var hasVoted = voter is not null && await db.PollParticipations.AnyAsync(x => x.PollId == pollId && x.OwnerId == voter, ct);
        PollResults? results = null;
        if (staff || poll.Status == PollStatus.Closed)
            results = await TallyAsync(db, poll, votes, ct);
        poll.Options.Sort((a, b) => a.Position.CompareTo(b.Position));
        return new PollDetail(new PollRow(poll.Id, poll.Title, poll.Type, poll.Status, poll.EndsAt, poll.Anonymous, votes, hasVoted), building.Id, building.Name, poll.Description,
            poll.AllowMultiple, poll.Options, actor.CanManage(building.OrganisationId, building.Id), voter is not null && !hasVoted && poll.IsOpenAt(now), results);
    }

    /// <summary>Counts in the database (one GROUP BY over the ballots' option arrays), so 10,000 votes stay quick.</summary>
    internal async Task<PollResults> TallyAsync(IKoproGoDb db, Poll poll, int votes, CancellationToken ct)
    {
        var options = await db.PollBallots.Where(b => b.PollId == poll.Id).SelectMany(b => b.OptionIds)
            .GroupBy(o => o).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var ratings = poll.Type == PollType.Rating
            ? await db.PollBallots.Where(b => b.PollId == poll.Id && b.Rating != null).GroupBy(b => b.Rating!.Value)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct)
            : [];
        var answers = poll.Type == PollType.OpenEnded
            ? await db.PollBallots.Where(b => b.PollId == poll.Id && b.Answer != null).OrderBy(b => b.Answer).Select(b => b.Answer!).ToListAsync(ct)
            : [];
        return PollTally.Compute(poll, votes, await EligibleAsync(db, poll.BuildingId, ct), options, ratings, answers);
    }

    /// <summary>Eligible voters: the distinct owners with an ownership in force in the building today.</summary>
    private Task<int> EligibleAsync(IKoproGoDb db, Guid buildingId, CancellationToken ct) => db.CurrentOwnerIds(buildingId, clock.Today()).CountAsync(ct);

    private Task<Guid?> VoterAsync(IKoproGoDb db, Actor actor, Guid buildingId, CancellationToken ct) => db.OwnerInBuildingAsync(actor, buildingId, clock.Today(), ct);

    public async Task<Result<Guid>> CreateAsync(Actor actor, Guid buildingId, PollInput input, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var validation = input.Validate(now);
        if (!validation.IsValid)
            return Result<Guid>.Fail(validation.Errors);
        await using var db = await dbFactory.CreateAsync(ct);
        var found = await db.ManagedBuildingAsync(actor, buildingId, clock.Today(), ct);
        if (!found.Succeeded)
            return Result<Guid>.Fail(found.Errors);
        var building = found.Value;
        var culture = CultureInfo.GetCultureInfo(building.Language);
        IReadOnlyList<string> options = input.Type switch
        {
            PollType.YesNo => [Texts.Get("poll.yes", culture), Texts.Get("poll.no", culture)],
            PollType.MultipleChoice => input.Options,
            _ => [],
        };
        var poll = Poll.Create(building.OrganisationId, buildingId, input, options, actor.UserId, now);
        db.Polls.Add(poll);
        db.PollOptions.AddRange(poll.Options);
        db.Audit(actor, clock, "poll.created", nameof(Poll), poll.Id, building.OrganisationId, buildingId, poll.Title);
        await db.SaveChangesAsync(ct);
        return poll.Id;
    }

    public Task<Result> PublishAsync(Actor actor, Guid pollId, CancellationToken ct) =>
        ChangeAsync(actor, pollId, PollStatus.Draft, "poll.published", async (db, poll, now) =>
        {
            if (poll.EndsAt <= now)
                return new Error("error.poll_ends_past", [], nameof(PollInput.EndsAt));
            poll.Publish(now);
            await NotifyOwnersAsync(db, poll, "notify.poll_published", ct);
            return Result.Ok();
        }, ct);

    public Task<Result> CloseAsync(Actor actor, Guid pollId, CancellationToken ct) =>
        ChangeAsync(actor, pollId, PollStatus.Active, "poll.closed", async (db, poll, now) =>
        {
            poll.Close(now);
            await NotifyOwnersAsync(db, poll, "notify.poll_closed", ct);
            return Result.Ok();
        }, ct);

    public Task<Result> CancelAsync(Actor actor, Guid pollId, CancellationToken ct) =>
        ChangeAsync(actor, pollId, null, "poll.cancelled", (_, poll, now) =>
        {
            if (poll.Status is not (PollStatus.Draft or PollStatus.Active))
                return Task.FromResult<Result>(Error.Of("error.poll_status", poll.Status.ToString()));
            poll.Cancel(now);
            return Task.FromResult(Result.Ok());
        }, ct);

    /// <summary>A state change by the building's syndic, under a lock of the poll's row.</summary>
    private async Task<Result> ChangeAsync(Actor actor, Guid pollId, PollStatus? required, string action, Func<IKoproGoDb, Poll, DateTimeOffset, Task<Result>> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var buildingId = await db.Polls.Where(p => p.Id == pollId).Select(p => (Guid?)p.BuildingId).FirstOrDefaultAsync(ct);
        if (buildingId is null)
            return Errors.NotFoundError;
        var found = await db.ManagedBuildingAsync(actor, buildingId.Value, clock.Today(), ct);
        if (!found.Succeeded)
            return Result.Fail(found.Errors);
        await db.LockAsync<Poll>(pollId, ct);
        var poll = await db.Polls.FirstAsync(p => p.Id == pollId, ct);
        if (required is { } status && poll.Status != status)
            return Error.Of("error.poll_status", poll.Status.ToString());
        var result = await change(db, poll, clock.GetUtcNow());
        if (!result.Succeeded)
            return result;
        db.Audit(actor, clock, action, nameof(Poll), poll.Id, poll.OrganisationId, poll.BuildingId, poll.Title);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result.Ok();
    }

    internal async Task NotifyOwnersAsync(IKoproGoDb db, Poll poll, string textKey, CancellationToken ct)
    {
        var owners = await db.CurrentOwnerIds(poll.BuildingId, clock.Today()).ToListAsync(ct);
        var building = await db.Buildings.Where(b => b.Id == poll.BuildingId).Select(b => b.Name).FirstAsync(ct);
        await notifications.NotifyOwnersAsync(db, owners, poll.OrganisationId, NotificationType.Community, textKey, [poll.Title, building], $"/polls/{poll.Id}", ct);
    }

    public async Task<Result> VoteAsync(Actor actor, Guid pollId, VoteInput input, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        if (await ReadableAsync(db, actor, pollId, ct) is not { } found)
            return Errors.NotFoundError;
        var (poll, building) = found;
        var now = clock.GetUtcNow();
        if (!poll.IsOpenAt(now))
            return new Error("error.poll_not_open");
        var voter = await VoterAsync(db, actor, building.Id, ct);
        if (voter is null)
            return new Error("error.vote_not_owner");
        var validation = input.Validate(poll);
        if (!validation.IsValid)
            return validation.ToResult();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // a share lock on the poll, which closing takes exclusively: a vote either lands before the closing or waits for it
        // and is then refused — none slips in while the result is being fixed
        await db.ShareLockAsync<Poll>(pollId, ct);
        if (await db.Polls.AsNoTracking().Where(p => p.Id == pollId).Select(p => new { p.Status, p.EndsAt }).FirstAsync(ct) is var state
            && (state.Status != PollStatus.Active || state.EndsAt <= clock.GetUtcNow()))
            return new Error("error.poll_not_open");
        // the participation's key decides: of ten clicks at once, one inserts, the others find the row taken
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO poll_participations (poll_id, owner_id, voted_at) VALUES ({pollId}, {voter.Value}, {now}) ON CONFLICT DO NOTHING", ct);
        if (inserted == 0)
            return new Error("error.vote_twice");
        db.PollBallots.Add(PollBallot.Cast(poll, voter.Value, input.OptionIds.Distinct().ToList(), poll.Type == PollType.Rating ? input.Rating : null,
            poll.Type == PollType.OpenEnded ? input.Answer : null));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result.Ok();
    }
}

/// <summary>Every few minutes: an active poll whose end has come closes, and its owners are told the results are out.</summary>
[RecurringJob("polls-close", "*/5 * * * *")]
public sealed class PollCloseJob(IKoproGoDbFactory dbFactory, PollService polls, TimeProvider clock)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<Guid> due;
        await using (var db = await dbFactory.CreateAsync(ct))
            due = await db.Polls.Where(p => p.Status == PollStatus.Active && p.EndsAt <= now).Select(p => p.Id).ToListAsync(ct);
        var closed = 0;
        foreach (var id in due)
        {
            await using var db = await dbFactory.CreateAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.LockAsync<Poll>(id, ct);
            var poll = await db.Polls.FirstAsync(p => p.Id == id, ct);
            if (poll.Status != PollStatus.Active)
                continue;                               // another run closed it meanwhile
            poll.Close(now);
            db.Audit(Actor.System, clock, "poll.closed", nameof(Poll), poll.Id, poll.OrganisationId, poll.BuildingId, poll.Title);
            await polls.NotifyOwnersAsync(db, poll, "notify.poll_closed", ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            closed++;
        }
        return closed;
    }
}
