using System.Collections.Concurrent;
using System.Diagnostics;
using KoproGo.Core.Common;
using KoproGo.Core.Features.Assemblies;
using KoproGo.Core.Features.Buildings;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.Bench;

/// <summary>
/// Issue #16 on the 500-lot building: a meeting of 20 resolutions with 300 voices present. Measured through the
/// services, as the screens call them: the meeting's read with the open item's live tally (what every screen reloads
/// on a signal); 300 votes spread over 30 s, each timed from the vote's call to the end of the first reload of a
/// subscribed screen that began after its commit (the push path: pg_notify → the app's LISTEN → reload); the
/// minutes of the 20 items. A fresh meeting per run; the setup (roll, attendance) is written directly, not timed.
/// </summary>
public static class AssemblyBench
{
    public const int Present = 300, Items = 20;

    public static async Task<(double TallyP95, double VoteToScreenP95, double VoteToScreenMax, int Votes, double MinutesSeconds, int MinutesBytes)> RunAsync(
        IKoproGoDbFactory dbFactory, IAssemblyService assemblies, IAssemblySessionService sessions, IAssemblyDocumentService documents,
        IMeetingFeed feed, Actor syndic, Guid buildingId)
    {
        var (meetingId, items, voices) = await SetUpAsync(dbFactory, buildingId);
        Check(await sessions.OpenAsync(syndic, meetingId, CancellationToken.None), "open");
        Check(await sessions.OpenItemAsync(syndic, items[0], CancellationToken.None), "open item");

        // 300 votes over 30 s, each on its own task (as 300 phones would), while one screen listens
        var started = new ConcurrentDictionary<Guid, (long Start, long Committed)>();
        var latencies = new ConcurrentBag<double>();
        var reloading = new SemaphoreSlim(1, 1);
        using (feed.Subscribe(meetingId, async () =>
        {
            await reloading.WaitAsync();
            try
            {
                var reloadStart = Stopwatch.GetTimestamp();
                Check(await assemblies.GetAsync(syndic, meetingId, CancellationToken.None), "reload");
                var end = Stopwatch.GetTimestamp();
                foreach (var (owner, times) in started)
                    if (times.Committed != 0 && times.Committed <= reloadStart && started.TryRemove(owner, out _))
                        latencies.Add(Stopwatch.GetElapsedTime(times.Start, end).TotalMilliseconds);
            }
            finally { reloading.Release(); }
        }))
        {
            var random = new Random(LargeData.Seed);
            var votes = voices.Select(async (owner, i) =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(i * 100 + random.Next(0, 100)));
                var start = Stopwatch.GetTimestamp();
                started[owner] = (start, 0);
                Check(await sessions.VoteAsync(syndic, items[0], new BallotInput { OwnerId = owner, Vote = (Vote)(i % 3) }, CancellationToken.None), "vote");
                started[owner] = (start, Stopwatch.GetTimestamp());
            }).ToList();
            await Task.WhenAll(votes);
            for (var wait = 0; wait < 50 && !started.IsEmpty; wait++)
                await Task.Delay(100);
        }
        if (!started.IsEmpty)
            throw new InvalidOperationException($"{started.Count} votes never reached the screen");

        // the tally: the meeting's read with 300 ballots on the open item
        var tallyTimes = new List<double>();
        for (var i = 0; i < 120; i++)
        {
            var sw = Stopwatch.StartNew();
            var detail = await assemblies.GetAsync(syndic, meetingId, CancellationToken.None);
            if (!detail.Succeeded || detail.Value.OpenItem?.Ballots != Present)
                throw new InvalidOperationException("tally failed");
            if (i >= 20)
                tallyTimes.Add(sw.Elapsed.TotalMilliseconds);
        }
        tallyTimes.Sort();

        // the other 19 items: ballots written directly, each item opened and closed through the service
        Check(await sessions.CloseItemAsync(syndic, items[0], CancellationToken.None), "close item");
        foreach (var item in items.Skip(1))
        {
            Check(await sessions.OpenItemAsync(syndic, item, CancellationToken.None), "open item");
            await using (var db = await dbFactory.CreateAsync())
            {
                var shares = (await Roll.OfBuildingAsync(db, buildingId, DateOnly.FromDateTime(DateTime.UtcNow), CancellationToken.None)).Voices.ToDictionary(v => v.OwnerId, v => v.Shares);
                db.ItemBallots.AddRange(voices.Select((owner, i) => new ItemBallot
                {
                    AgendaItemId = item,
                    OwnerId = owner,
                    VoterOwnerId = owner,
                    Vote = i % 7 == 0 ? Vote.Against : i % 11 == 0 ? Vote.Abstain : Vote.For,
                    Shares = shares[owner],
                    CastAt = DateTimeOffset.UtcNow,
                    CastBy = syndic.UserId,
                }));
                await db.SaveChangesAsync();
            }
            Check(await sessions.CloseItemAsync(syndic, item, CancellationToken.None), "close item");
        }
        Check(await sessions.CloseAsync(syndic, meetingId, CancellationToken.None), "close");
        await documents.MinutesPdfAsync(syndic, meetingId, CancellationToken.None);   // warm-up: fonts, JIT
        var minutes = new List<(double Seconds, int Bytes)>();
        for (var i = 0; i < 5; i++)
        {
            var sw = Stopwatch.StartNew();
            var pdf = await documents.MinutesPdfAsync(syndic, meetingId, CancellationToken.None);
            if (!pdf.Succeeded)
                throw new InvalidOperationException("minutes failed");
            minutes.Add((sw.Elapsed.TotalSeconds, pdf.Value.Content.Length));
        }
        var slowest = minutes.MaxBy(m => m.Seconds);
        var sorted = latencies.Order().ToArray();
        return (Math.Round(tallyTimes[(int)(tallyTimes.Count * 0.95) - 1], 1), Math.Round(sorted[(int)Math.Ceiling(sorted.Length * 0.95) - 1], 1),
            Math.Round(sorted[^1], 1), sorted.Length, Math.Round(slowest.Seconds, 2), slowest.Bytes);
    }

    private static void Check(Result result, string step)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"{step}: {result.FirstError!.Code}");
    }

    private static void Check<T>(Result<T> result, string step)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"{step}: {result.FirstError!.Code}");
    }

    /// <summary>A convened meeting starting in 30 minutes, 20 resolutions, the first 300 voices of the roll arrived.</summary>
    private static async Task<(Guid Meeting, List<Guid> Items, List<Guid> Voices)> SetUpAsync(IKoproGoDbFactory dbFactory, Guid buildingId)
    {
        await using var db = await dbFactory.CreateAsync();
        var building = await db.Buildings.AsNoTracking().FirstAsync(b => b.Id == buildingId);
        var now = DateTimeOffset.UtcNow;
        var meeting = Meeting.Create(building.OrganisationId, buildingId, new MeetingInput { StartsAt = now.AddMinutes(30), Place = "Salle du bench" }, null, now);
        meeting.Convene(now);
        db.Meetings.Add(meeting);
        var majorities = new[] { Majority.Absolute, Majority.TwoThirds, Majority.FourFifths };
        var items = Enumerable.Range(1, Items).Select(n => AgendaItem.Create(meeting.Id, n, new AgendaItemInput
        {
            Title = $"Résolution {n} du bench",
            Description = "Proposition soumise au vote de l'assemblée, avec un texte de la longueur d'une vraie résolution. " + new string('x', 200),
            Majority = majorities[n % 3],
        })).ToList();
        db.AgendaItems.AddRange(items);
        var roll = await Roll.OfBuildingAsync(db, buildingId, DateOnly.FromDateTime(now.UtcDateTime), CancellationToken.None);
        var voices = roll.Voices.OrderByDescending(v => v.Shares).Take(Present).Select(v => v.OwnerId).ToList();
        db.Attendances.AddRange(voices.Select(o => Attendance.Arrive(meeting.Id, o, AttendanceMode.InPerson, now)));
        await db.SaveChangesAsync();
        return (meeting.Id, items.Select(i => i.Id).ToList(), voices);
    }
}
