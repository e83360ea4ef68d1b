using KoproGo.Core.Common;
using KoproGo.Core.Features.Audit;
using KoproGo.Core.Features.Bookings;
using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Owners;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.IntegrationTests;

[Collection(DatabaseCollection.Name)]
public class BookingTests(DatabaseFixture fx)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private IBookingService Bookings => fx.Get<IBookingService>();

    private static DateTimeOffset At(int day, int hour) => BusinessTime.ToUtc(new DateOnly(2026, 11, day), new TimeOnly(hour, 0));
    private static BookingInput Slot(int day, int from, int to) => new() { StartsAt = At(day, from), EndsAt = At(day, to) };

    /// <summary>Building A with owners A (A1) and B (A9), and a party room (12.50 €/h, 4 h at most, 2 active bookings per owner).</summary>
    private async Task<(World W, Guid Room)> SetUpAsync()
    {
        var w = await World.CreateAsync(fx, Ct);
        await w.GiveOwnerBLotA9Async(fx, Ct);
        var room = (await Bookings.SaveResourceAsync(w.Syndic, w.BuildingA, null, new ResourceInput { Name = "Salle des fêtes", HourlyRate = 12.5m, Deposit = 100m }, Ct)).Value;
        return (w, room);
    }

    [Fact]
    public async Task SixteenParallelOverlappingRequests_OneIsAccepted_FifteenAreToldWhy()
    {
        var (w, room) = await SetUpAsync();
        (int From, int To)[] overlapping = [(18, 20), (19, 21), (19, 20)];          // every pair overlaps
        var attempts = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() =>
            fx.Get<IBookingService>().BookAsync(i % 2 == 0 ? w.OwnerActorA : w.OwnerActorB, room, Slot(27, overlapping[i % 3].From, overlapping[i % 3].To), Ct))));
        Assert.Equal(1, attempts.Count(a => a.Succeeded));
        // the others are told who holds it: someone else, or the winner's own booking (same owner, every other request)
        var winner = Array.FindIndex(attempts, a => a.Succeeded);
        for (var i = 0; i < attempts.Length; i++)
        {
            if (i != winner)
                Assert.Equal(i % 2 == winner % 2 ? "error.booking_overlap_own" : "error.booking_overlap", attempts[i].FirstError!.Code);
        }

        // back to back is fine; the owner's limit (2 active) is counted
        Assert.True((await Bookings.BookAsync(w.OwnerActorA, room, Slot(27, 21, 22), Ct)).Succeeded);        // back to back with any of them
        var busy = (await Bookings.BusyAsync(w.OwnerActorB, room, At(27, 0), At(28, 0), Ct)).Value;
        Assert.Equal(2, busy.Count);
        Assert.All(busy, b => Assert.Null(b.Who));                                                                      // co-owners see busy, not whom
        Assert.NotNull((await Bookings.BusyAsync(w.Syndic, room, At(27, 0), At(28, 0), Ct)).Value[0].Who);
    }

    [Fact]
    public async Task Quote_ShowsTheClashBeforeConfirming_OwnBookingToldApartFromSomeoneElses()
    {
        var (w, room) = await SetUpAsync();
        Assert.True((await Bookings.BookAsync(w.OwnerActorA, room, Slot(26, 18, 20), Ct)).Succeeded);
        var own = await Bookings.QuoteAsync(w.OwnerActorA, room, Slot(26, 19, 21), Ct);
        Assert.Equal(("error.booking_overlap_own", (object?)"26/11/2026 18:00"), (own.FirstError!.Code, own.FirstError.Args[0]));
        Assert.Equal("error.booking_overlap", (await Bookings.QuoteAsync(w.OwnerActorB, room, Slot(26, 19, 21), Ct)).FirstError!.Code);
        Assert.Equal("error.booking_overlap_own", (await Bookings.BookAsync(w.OwnerActorA, room, Slot(26, 19, 21), Ct)).FirstError!.Code);
        Assert.True((await Bookings.QuoteAsync(w.OwnerActorB, room, Slot(26, 20, 22), Ct)).Succeeded);          // back to back
    }

    [Fact]
    public async Task Bookings_FollowTheirRules_AndNobodyTouchesSomeoneElses()
    {
        var (w, room) = await SetUpAsync();
        var first = (await Bookings.BookAsync(w.OwnerActorA, room, Slot(26, 10, 12), Ct)).Value;
        Assert.True((await Bookings.BookAsync(w.OwnerActorA, room, Slot(26, 12, 14), Ct)).Succeeded);          // adjacent
        Assert.Equal("error.booking_limit", (await Bookings.BookAsync(w.OwnerActorA, room, Slot(27, 10, 12), Ct)).FirstError!.Code);
        Assert.Equal("error.booking_overlap", (await Bookings.BookAsync(w.OwnerActorB, room, Slot(26, 11, 13), Ct)).FirstError!.Code);
        Assert.Equal("error.booking_past", (await Bookings.BookAsync(w.OwnerActorB, room, Slot(25, 8, 9), Ct)).FirstError!.Code);
        Assert.Equal("error.booking_too_long", (await Bookings.BookAsync(w.OwnerActorB, room, Slot(28, 8, 13), Ct)).FirstError!.Code);
        Assert.Equal("error.booking_too_far", (await Bookings.BookAsync(w.OwnerActorB, room, new BookingInput { StartsAt = At(25, 10).AddDays(31), EndsAt = At(25, 11).AddDays(31) }, Ct)).FirstError!.Code);
        Assert.Equal("error.booking_not_owner", (await Bookings.BookAsync(w.TenantA, room, Slot(28, 10, 11), Ct)).FirstError!.Code);
        Assert.Equal(Errors.NotFound, (await Bookings.BookAsync((await World.CreateAsync(fx, Ct)).OwnerActorA, room, Slot(28, 10, 11), Ct)).FirstError!.Code);
        Assert.Equal(Errors.NotFound, (await Bookings.CancelAsync(w.OwnerActorB, first, Ct)).FirstError!.Code);             // someone else's
        Assert.Equal(Errors.Forbidden, (await Bookings.SaveResourceAsync(w.OwnerActorA, w.BuildingA, room, new ResourceInput { Name = "x" }, Ct)).FirstError!.Code);
        var quote = (await Bookings.QuoteAsync(w.OwnerActorB, room, Slot(28, 10, 13), Ct)).Value;
        Assert.Equal((37.50m, 100m, BookingStatus.Confirmed), (quote.Price, quote.Deposit, quote.Status));

        Assert.True((await Bookings.CancelAsync(w.OwnerActorA, first, Ct)).Succeeded);
        Assert.True((await Bookings.BookAsync(w.OwnerActorB, room, Slot(26, 10, 12), Ct)).Succeeded);                        // freed
        var mine = await Bookings.MyBookingsAsync(w.OwnerActorA, Ct);
        Assert.Equal([BookingStatus.Confirmed, BookingStatus.Cancelled], mine.Select(b => b.Status));

        var ics = (await Bookings.IcsAsync(w.OwnerActorA, mine[0].Id, Ct)).Value;
        Assert.Contains("BEGIN:VEVENT", ics, StringComparison.Ordinal);
        Assert.Contains("DTSTART:20261126T110000Z", ics, StringComparison.Ordinal);          // 12:00 in Brussels
        Assert.Contains("SUMMARY:Salle des fêtes — A", ics, StringComparison.Ordinal);
        Assert.Equal(Errors.NotFound, (await Bookings.IcsAsync(w.OwnerActorB, mine[0].Id, Ct)).FirstError!.Code);
    }

    [Fact]
    public async Task Approval_Jobs_NoShowAndReminder_RunTwiceAsOnce()
    {
        var (w, room) = await SetUpAsync();
        var guest = (await Bookings.SaveResourceAsync(w.Syndic, w.BuildingA, null, new ResourceInput
        {
            Name = "Chambre d'amis",
            Type = ResourceType.GuestRoom,
            DailyRate = 45m,
            SlotMinutes = 1440,
            MaxDurationMinutes = 7 * 1440,
            OpensAt = new TimeOnly(14, 0),
            ClosesAt = new TimeOnly(14, 0),
            RequiresApproval = true,
        }, Ct)).Value;
        var stay = (await Bookings.BookAsync(w.OwnerActorA, guest, new BookingInput { StartsAt = At(26, 14), EndsAt = At(28, 14) }, Ct)).Value;
        Assert.Equal(BookingStatus.Pending, (await Bookings.MyBookingsAsync(w.OwnerActorA, Ct))[0].Status);
        Assert.Equal(Errors.Forbidden, (await Bookings.ApproveAsync(w.OwnerActorA, stay, Ct)).FirstError!.Code);
        Assert.Single((await Bookings.PendingAsync(w.Syndic, w.BuildingA, Ct)).Value);
        Assert.True((await Bookings.ApproveAsync(w.Syndic, stay, Ct)).Succeeded);
        Assert.Equal(90m, (await Bookings.MyBookingsAsync(w.OwnerActorA, Ct))[0].Price);

        // a confirmed booking that started an hour ago without check-in: no-show; the stay tomorrow gets one reminder
        // (other tests move the shared clock: times here are relative to it)
        var missed = (await Bookings.BookAsync(w.OwnerActorB, room, Slot(28, 11, 12), Ct)).Value;
        var now = fx.Clock.GetUtcNow();
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct))
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE bookings SET starts_at = {now.AddHours(-2)}, ends_at = {now.AddHours(-1)} WHERE id = {missed}", Ct);
        var job = fx.Get<BookingJob>();
        var first = await job.RunAsync(Ct);
        var second = await job.RunAsync(Ct);
        Assert.True(first.NoShows >= 1 && first.Reminders >= 1);
        Assert.Equal((0, 0), second);
        await using var check = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        Assert.Equal(BookingStatus.NoShow, (await check.Bookings.SingleAsync(b => b.Id == missed, Ct)).Status);
        Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.Action == "booking.no_show" && a.EntityId == missed.ToString(), Ct));
        Assert.NotNull((await check.Bookings.SingleAsync(b => b.Id == stay, Ct)).ReminderSentAt);
    }
}
