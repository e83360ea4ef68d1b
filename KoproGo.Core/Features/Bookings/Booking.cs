
namespace KoproGo.Core.Features.Bookings;

/// <summary>Pending (approval needed) → Confirmed → CheckedIn → CheckedOut; Cancelled, Rejected, NoShow (no check-in within 30 minutes).</summary>
public enum BookingStatus { Pending, Confirmed, CheckedIn, CheckedOut, Cancelled, Rejected, NoShow }

/// <summary>
/// A booking of a resource by a co-owner. Two bookings of a resource that hold it (pending, confirmed, checked in) never
/// overlap: PostgreSQL refuses it with an exclusion constraint over [starts_at, ends_at), so back-to-back slots are fine.
/// </summary>
public sealed class Booking
{
    public const int NoteMax = 500;
    public static readonly BookingStatus[] Holding = [BookingStatus.Pending, BookingStatus.Confirmed, BookingStatus.CheckedIn];

    private Booking() { }

    public Guid Id { get; private set; }
    public Guid ResourceId { get; private set; }
    public Guid BuildingId { get; private set; }
    public Guid OwnerId { get; private set; }
    public string? UserId { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public BookingStatus Status { get; private set; }
    public decimal Price { get; private set; }
    public decimal Deposit { get; private set; }
    public bool DepositRetained { get; private set; }
    /// <summary>Cancelled less than 24 hours before the start: the price stays due.</summary>
    public bool LateCancellation { get; private set; }
    public string? Note { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? CheckedInAt { get; private set; }
    public DateTimeOffset? CheckedOutAt { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }
    public DateTimeOffset? ReminderSentAt { get; private set; }

    public static Booking Request(Resource resource, Guid ownerId, string? userId, DateTimeOffset start, DateTimeOffset end, string? note, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        ResourceId = resource.Id,
        BuildingId = resource.BuildingId,
        OwnerId = ownerId,
        UserId = userId,
        // instants are stored in UTC (a time typed in Brussels arrives with its +01:00/+02:00 offset)
        StartsAt = start.ToUniversalTime(),
        EndsAt = end.ToUniversalTime(),
        Status = resource.RequiresApproval ? BookingStatus.Pending : BookingStatus.Confirmed,
        Price = BookingRules.Price(resource, start, end),
        Deposit = resource.Deposit,
        Note = Text.Clean(note),
        CreatedAt = now,
    };

    public void Approve() => Move(BookingStatus.Pending, BookingStatus.Confirmed);

    public void Reject(DateTimeOffset now)
    {
        Move(BookingStatus.Pending, BookingStatus.Rejected);
        CancelledAt = now;
    }

    public void Cancel(DateTimeOffset now)
    {
        if (Status is not (BookingStatus.Pending or BookingStatus.Confirmed))
            throw new InvalidOperationException($"Booking {Id} is {Status}.");
        LateCancellation = Status == BookingStatus.Confirmed && now > StartsAt.AddHours(-Resource.FreeCancellationHours);
        Status = BookingStatus.Cancelled;
        CancelledAt = now;
    }

    public bool CanCheckIn(DateTimeOffset now) =>
        Status == BookingStatus.Confirmed && now >= StartsAt && now <= StartsAt.AddMinutes(Resource.CheckInGraceMinutes);

    /// <summary>Confirmed, and not checked in within the grace period after its start (the hourly job).</summary>
    public void MarkNoShow() => Move(BookingStatus.Confirmed, BookingStatus.NoShow);

    public void CheckIn(DateTimeOffset now)
    {
        Move(BookingStatus.Confirmed, BookingStatus.CheckedIn);
        CheckedInAt = now;
    }

    /// <summary>Checked out more than an hour after the end: the deposit is kept.</summary>
    public void CheckOut(DateTimeOffset now)
    {
        Move(BookingStatus.CheckedIn, BookingStatus.CheckedOut);
        CheckedOutAt = now;
        DepositRetained = Deposit > 0 && now > EndsAt.AddMinutes(Resource.LateCheckOutMinutes);
    }

    private void Move(BookingStatus from, BookingStatus to)
    {
        if (Status != from)
            throw new InvalidOperationException($"Booking {Id} is {Status}, not {from}.");
        Status = to;
    }
}

public sealed class BookingInput
{
    public DateTimeOffset? StartsAt { get; set; }
    public DateTimeOffset? EndsAt { get; set; }
    public string? Note { get; set; }
}

/// <summary>The rules of a booking request that need no database: times, window, duration, slots, opening hours, price.</summary>
public static class BookingRules
{
    public static IReadOnlyList<Error> Check(Resource resource, DateTimeOffset? start, DateTimeOffset? end, string? note, DateTimeOffset now)
    {
        var v = new Validation()
            .Rule(start is not null, nameof(BookingInput.StartsAt), Errors.Required)
            .Rule(end is not null, nameof(BookingInput.EndsAt), Errors.Required)
            .Instant(start, nameof(BookingInput.StartsAt))
            .Instant(end, nameof(BookingInput.EndsAt))
            .Optional(note, nameof(BookingInput.Note), Booking.NoteMax);
        if (!v.IsValid)
            return v.Errors;
        var minutes = (end!.Value - start!.Value).TotalMinutes;
        var localStart = BusinessTime.LocalDateTime(start.Value);
        var localEnd = BusinessTime.LocalDateTime(end.Value);
        var opens = resource.OpensAt.ToTimeSpan();
        var closes = resource.ClosesAt == TimeOnly.MinValue ? TimeSpan.FromDays(1) : resource.ClosesAt.ToTimeSpan();
        v.Rule(minutes > 0, nameof(BookingInput.EndsAt), "error.booking_end_before_start")
         .Rule(start >= now, nameof(BookingInput.StartsAt), "error.booking_past")
         // "up to 90 days ahead" counts calendar days in Brussels: any hour of the 90th day is allowed
         .Rule(DateOnly.FromDateTime(localStart) <= DateOnly.FromDateTime(BusinessTime.LocalDateTime(now)).AddDays(resource.MaxAdvanceDays),
               nameof(BookingInput.StartsAt), "error.booking_too_far", resource.MaxAdvanceDays)
         .Rule(minutes <= resource.MaxDurationMinutes, nameof(BookingInput.EndsAt), "error.booking_too_long", resource.MaxDurationMinutes / 60m)
         .Rule(minutes % resource.SlotMinutes == 0, nameof(BookingInput.EndsAt), "error.booking_slot", resource.SlotMinutes);
        if (resource.ByTheDay)
            v.Rule(localStart.TimeOfDay == opens, nameof(BookingInput.StartsAt), "error.booking_day_start", resource.OpensAt.ToString("HH:mm"));
        else
            v.Rule(localStart.Date == (localEnd.TimeOfDay == TimeSpan.Zero ? localEnd.Date.AddDays(-1) : localEnd.Date)
                   && localStart.TimeOfDay >= opens
                   && (localEnd.TimeOfDay == TimeSpan.Zero ? TimeSpan.FromDays(1) : localEnd.TimeOfDay) <= closes
                   && (localStart.TimeOfDay - opens).TotalMinutes % resource.SlotMinutes == 0,
                nameof(BookingInput.StartsAt), "error.booking_hours", resource.OpensAt.ToString("HH:mm"), resource.ClosesAt.ToString("HH:mm"));
        return v.Errors;
    }

    /// <summary>Hourly rate × hours, or daily rate × days begun, or free; to the cent.</summary>
    public static decimal Price(Resource resource, DateTimeOffset start, DateTimeOffset end)
    {
        var minutes = (decimal)(end - start).TotalMinutes;
        if (resource.HourlyRate is { } hourly)
            return Money.Cents(hourly * minutes / 60m);
        if (resource.DailyRate is { } daily)
            return Money.Cents(daily * Math.Ceiling(minutes / 1440m));
        return 0m;
    }
}
