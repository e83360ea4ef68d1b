using KoproGo.Core.Common;
using KoproGo.Core.Features.Bookings;
using KoproGo.IntegrationTests;

namespace KoproGo.Core.Tests;

public class BookingTests
{
    // Wednesday 25 November 2026, 10:00 in Brussels (UTC+1)
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private static Resource Room(Action<ResourceInput>? change = null) =>
        Resource.Create(Guid.NewGuid(), Guid.NewGuid(), new ResourceInput { Name = "Salle des fêtes", HourlyRate = 12.5m, Deposit = 100m }.Let(i => change?.Invoke(i)));

    private static DateTimeOffset At(int day, int hour, int minute = 0) => BusinessTime.ToUtc(new DateOnly(2026, 11, day), new TimeOnly(hour, minute));

    private static string[] Codes(Resource r, DateTimeOffset start, DateTimeOffset end) => BookingRules.Check(r, start, end, null, Now).Select(e => e.Code).ToArray();

    [Fact]
    public void Rules_WindowDurationSlotsAndOpeningHours()
    {
        var room = Room();
        Assert.Empty(Codes(room, At(26, 18), At(26, 22)));
        Assert.Contains("error.booking_past", Codes(room, At(25, 8), At(25, 9)));
        Assert.Contains("error.booking_too_far", Codes(Room(i => i.MaxAdvanceDays = 1), At(27, 18), At(27, 19)));
        Assert.Contains("error.booking_too_long", Codes(room, At(26, 10), At(26, 15)));               // 5 h > 4 h
        Assert.Contains("error.booking_slot", Codes(room, At(26, 10), At(26, 10, 30)));
        Assert.Contains("error.booking_hours", Codes(room, At(26, 7), At(26, 8)));                    // opens at 8
        Assert.Contains("error.booking_hours", Codes(room, At(26, 21), At(26, 23)));                  // closes at 22
        Assert.Contains("error.booking_end_before_start", Codes(room, At(26, 12), At(26, 11)));
        Assert.Equal("error.booking_too_long", BookingRules.Check(room, At(26, 10), At(26, 15), null, Now)[0].Code);
        Assert.Equal(Errors.TooLong, BookingRules.Check(room, At(26, 10), At(26, 11), new string('x', 501), Now)[0].Code);
    }

    [Fact]
    public void AdvanceLimit_CountsCalendarDaysInBrussels_TheLastDayWhole()
    {
        // now is 25 November 10:00; one day ahead allows all of 26 November, even later than 10:00, and not 27
        var oneDay = Room(i => i.MaxAdvanceDays = 1);
        Assert.DoesNotContain("error.booking_too_far", Codes(oneDay, At(26, 20), At(26, 21)));
        Assert.Contains("error.booking_too_far", Codes(oneDay, At(27, 8), At(27, 9)));
        // 90 days: 23 February 2027 is the 90th day, any hour of it
        var ninety = Room(i => i.MaxAdvanceDays = 90);
        var last = BusinessTime.ToUtc(new DateOnly(2027, 2, 23), new TimeOnly(21, 0));
        Assert.DoesNotContain("error.booking_too_far", BookingRules.Check(ninety, last, last.AddHours(1), null, Now).Select(e => e.Code));
        Assert.Contains("error.booking_too_far", BookingRules.Check(ninety, last.AddDays(1), last.AddDays(1).AddHours(1), null, Now).Select(e => e.Code));
    }

    [Fact]
    public void Price_PerHourPerDayOrFree()
    {
        Assert.Equal(37.50m, BookingRules.Price(Room(), At(26, 10), At(26, 13)));
        var guest = Room(i => { i.HourlyRate = null; i.DailyRate = 45m; i.SlotMinutes = 1440; i.MaxDurationMinutes = 7 * 1440; i.OpensAt = new TimeOnly(14, 0); });
        Assert.Equal(90m, BookingRules.Price(guest, At(26, 14), At(28, 14)));
        Assert.Empty(Codes(guest, At(26, 14), At(28, 14)));
        Assert.Contains("error.booking_day_start", Codes(guest, At(26, 10), At(27, 10)));
        Assert.Equal(0m, BookingRules.Price(Room(i => i.HourlyRate = null), At(26, 10), At(26, 13)));
    }

    [Fact]
    public void Lifecycle_CheckInWindow_LateCheckOutKeepsTheDeposit_LateCancellation()
    {
        var room = Room();
        var booking = Booking.Request(room, Guid.NewGuid(), "u", At(26, 18), At(26, 20), null, Now);
        Assert.Equal((BookingStatus.Confirmed, 25m, 100m), (booking.Status, booking.Price, booking.Deposit));
        Assert.False(booking.CanCheckIn(At(26, 17, 59)));
        Assert.True(booking.CanCheckIn(At(26, 18, 30)));
        Assert.False(booking.CanCheckIn(At(26, 18, 31)));
        booking.CheckIn(At(26, 18, 5));
        booking.CheckOut(At(26, 21, 1));                      // more than an hour late
        Assert.True(booking.DepositRetained);

        var onTime = Booking.Request(room, Guid.NewGuid(), "u", At(26, 18), At(26, 20), null, Now);
        onTime.CheckIn(At(26, 18));
        onTime.CheckOut(At(26, 20, 59));
        Assert.False(onTime.DepositRetained);

        var late = Booking.Request(room, Guid.NewGuid(), "u", At(26, 18), At(26, 20), null, Now);
        late.Cancel(At(26, 9));                                // 9 hours before
        Assert.True(late.LateCancellation);
        var early = Booking.Request(room, Guid.NewGuid(), "u", At(28, 18), At(28, 20), null, Now);
        early.Cancel(Now);
        Assert.False(early.LateCancellation);
        Assert.Equal(BookingStatus.Pending, Booking.Request(Room(i => i.RequiresApproval = true), Guid.NewGuid(), "u", At(26, 18), At(26, 20), null, Now).Status);
    }

    [Fact]
    public void ResourceInput_IsChecked()
    {
        static string[] Codes(ResourceInput i) => i.Validate().Errors.Select(e => e.Code).ToArray();
        Assert.True(new ResourceInput { Name = "Salle" }.Validate().IsValid);
        Assert.Contains("error.resource_one_rate", Codes(new ResourceInput { Name = "x", HourlyRate = 1, DailyRate = 1 }));
        Assert.Contains("error.resource_advance", Codes(new ResourceInput { Name = "x", MaxAdvanceDays = 91 }));
        Assert.Contains("error.resource_slot", Codes(new ResourceInput { Name = "x", SlotMinutes = 45 }));
        Assert.Contains("error.resource_hours", Codes(new ResourceInput { Name = "x", OpensAt = new TimeOnly(22, 0), ClosesAt = new TimeOnly(8, 0) }));
        Assert.Contains("error.resource_negative", Codes(new ResourceInput { Name = "x", Deposit = -1 }));
    }
}
