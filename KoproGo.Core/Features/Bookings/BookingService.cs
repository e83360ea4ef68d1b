using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace KoproGo.Core.Features.Bookings;

/// <summary>A busy period of a resource; who booked it is shown to staff and to the booker only.</summary>
public sealed record BusySlot(Guid BookingId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, BookingStatus Status, bool Mine, string? Who);

public sealed record BookingRow(Guid Id, Guid ResourceId, string ResourceName, string BuildingName, DateTimeOffset StartsAt, DateTimeOffset EndsAt, BookingStatus Status,
    decimal Price, decimal Deposit, bool DepositRetained, bool LateCancellation, bool CanCheckIn);

public sealed record Quote(decimal Price, decimal Deposit, BookingStatus Status);

public interface IBookingService
{
    Task<Result<IReadOnlyList<Resource>>> ResourcesAsync(Actor actor, Guid buildingId, CancellationToken ct);
    Task<Result<Guid>> SaveResourceAsync(Actor actor, Guid buildingId, Guid? resourceId, ResourceInput input, CancellationToken ct);
    /// <summary>The bookings holding the resource between two instants (one GiST index scan).</summary>
    Task<Result<IReadOnlyList<BusySlot>>> BusyAsync(Actor actor, Guid resourceId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct);
    /// <summary>The price and deposit a request would cost, or why it would be refused, before anything is saved.</summary>
    Task<Result<Quote>> QuoteAsync(Actor actor, Guid resourceId, BookingInput input, CancellationToken ct);
    Task<Result<Guid>> BookAsync(Actor actor, Guid resourceId, BookingInput input, CancellationToken ct);
    Task<Result> ApproveAsync(Actor actor, Guid bookingId, CancellationToken ct);
    Task<Result> RejectAsync(Actor actor, Guid bookingId, CancellationToken ct);
    Task<Result> CancelAsync(Actor actor, Guid bookingId, CancellationToken ct);
    Task<Result> CheckInAsync(Actor actor, Guid bookingId, CancellationToken ct);
    Task<Result> CheckOutAsync(Actor actor, Guid bookingId, CancellationToken ct);
    Task<IReadOnlyList<BookingRow>> MyBookingsAsync(Actor actor, CancellationToken ct);
    Task<Result<IReadOnlyList<BookingRow>>> PendingAsync(Actor actor, Guid buildingId, CancellationToken ct);
    /// <summary>"Add to my calendar": the booking as an iCalendar (RFC 5545) file.</summary>
    Task<Result<string>> IcsAsync(Actor actor, Guid bookingId, CancellationToken ct);
}

public sealed class BookingService(IKoproGoDbFactory dbFactory, INotificationService notifications, TimeProvider clock) : IBookingService
{
    public async Task<Result<IReadOnlyList<Resource>>> ResourcesAsync(Actor actor, Guid buildingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        if (!await db.ReadableBuildings(actor, clock.Today()).AnyAsync(b => b.Id == buildingId, ct))
            return Errors.NotFoundError;
        return await db.Resources.AsNoTracking().Where(r => r.BuildingId == buildingId).OrderBy(r => r.Name).ToListAsync(ct);
    }

    public Task<Result<Guid>> SaveResourceAsync(Actor actor, Guid buildingId, Guid? resourceId, ResourceInput input, CancellationToken ct) =>
        dbFactory.InBuildingAsync<Guid>(actor, buildingId, BuildingRight.Manage, clock.Today(), input.Validate(), async (db, building) =>
        {
            Resource resource;
            if (resourceId is { } id)
            {
                resource = await db.Resources.FirstOrDefaultAsync(r => r.Id == id && r.BuildingId == buildingId, ct) ?? null!;
                if (resource is null)
                    return Errors.NotFoundError;
                resource.Update(input);
            }
            else
            {
                resource = Resource.Create(building.OrganisationId, buildingId, input);
                db.Resources.Add(resource);
            }
            db.Audit(actor, clock, resourceId is null ? "resource.created" : "resource.updated", nameof(Resource), resource.Id, building.OrganisationId, buildingId, resource.Name);
            await db.SaveChangesAsync(ct);
            return resource.Id;
        }, ct);

    /// <summary>The resource if its building is readable by the actor.</summary>
    private async Task<Resource?> ReadableResourceAsync(IKoproGoDb db, Actor actor, Guid resourceId, CancellationToken ct)
    {
        var resource = await db.Resources.AsNoTracking().FirstOrDefaultAsync(r => r.Id == resourceId, ct);
        return resource is not null && await db.ReadableBuildings(actor, clock.Today()).AnyAsync(b => b.Id == resource.BuildingId, ct) ? resource : null;
    }

    public async Task<Result<IReadOnlyList<BusySlot>>> BusyAsync(Actor actor, Guid resourceId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        if (to <= from || to - from > TimeSpan.FromDays(62))
            return new Error("error.booking_range");
        await using var db = await dbFactory.CreateAsync(ct);
        var resource = await ReadableResourceAsync(db, actor, resourceId, ct);
        if (resource is null)
            return Errors.NotFoundError;
        var staff = actor.IsStaffOf(resource.OrganisationId, resource.BuildingId);
        var mine = actor.OwnerIds.ToList();
        var busy = await HoldingBetween(db, resourceId, from, to).AsNoTracking()
            .Select(b => new { b.Id, b.StartsAt, b.EndsAt, b.Status, b.OwnerId }).OrderBy(b => b.StartsAt).ToListAsync(ct);
        var names = staff
            ? await db.Owners.Where(o => busy.Select(b => b.OwnerId).Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.DisplayName, ct)
            : [];
        return busy.Select(b => new BusySlot(b.Id, b.StartsAt, b.EndsAt, b.Status, mine.Contains(b.OwnerId), names.GetValueOrDefault(b.OwnerId))).ToList();
    }

    /// <summary>Bookings holding the resource that overlap [from, to): the same expression and predicate as the exclusion constraint, so its GiST index answers.</summary>
    private static IQueryable<Booking> HoldingBetween(IKoproGoDb db, Guid resourceId, DateTimeOffset from, DateTimeOffset to) =>
        db.Bookings.FromSqlInterpolated($"""
            SELECT * FROM bookings
             WHERE resource_id = {resourceId} AND status IN ('Pending', 'Confirmed', 'CheckedIn')
               AND tstzrange(starts_at, ends_at, '[)') && tstzrange({from}, {to}, '[)')
            """);

    public async Task<Result<Quote>> QuoteAsync(Actor actor, Guid resourceId, BookingInput input, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var resource = await ReadableResourceAsync(db, actor, resourceId, ct);
        if (resource is null)
            return Errors.NotFoundError;
        var errors = BookingRules.Check(resource, input.StartsAt, input.EndsAt, input.Note, clock.GetUtcNow());
        if (errors.Count > 0)
            return Result<Quote>.Fail(errors);
        // the clash is shown with the price, before the owner confirms
        var owner = await db.OwnerInBuildingAsync(actor, resource.BuildingId, clock.Today(), ct);
        if (await ClashAsync(db, resourceId, owner, input.StartsAt!.Value, input.EndsAt!.Value, ct) is { } clash)
            return clash;
        return new Quote(BookingRules.Price(resource, input.StartsAt!.Value, input.EndsAt!.Value), resource.Deposit,
            resource.RequiresApproval ? BookingStatus.Pending : BookingStatus.Confirmed);
    }

    public async Task<Result<Guid>> BookAsync(Actor actor, Guid resourceId, BookingInput input, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var resource = await ReadableResourceAsync(db, actor, resourceId, ct);
        if (resource is null)
            return Errors.NotFoundError;
        var now = clock.GetUtcNow();
        var owner = await db.OwnerInBuildingAsync(actor, resource.BuildingId, clock.Today(), ct);
        if (owner is null)
            return new Error("error.booking_not_owner");
        var errors = BookingRules.Check(resource, input.StartsAt, input.EndsAt, input.Note, now);
        if (errors.Count > 0)
            return Result<Guid>.Fail(errors);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // one request of a resource at a time: the per-owner limit is then exact; overlaps are the constraint's job
        await db.LockAsync<Resource>(resourceId, ct);
        var active = await db.Bookings.CountAsync(b => b.ResourceId == resourceId && b.OwnerId == owner && Booking.Holding.Contains(b.Status) && b.EndsAt > now, ct);
        if (active >= resource.MaxActivePerOwner)
            return new Error("error.booking_limit", [resource.MaxActivePerOwner]);
        var booking = Booking.Request(resource, owner.Value, actor.UserId, input.StartsAt!.Value, input.EndsAt!.Value, input.Note, now);
        db.Bookings.Add(booking);
        db.Audit(actor, clock, "booking.requested", nameof(Booking), booking.Id, resource.OrganisationId, resource.BuildingId,
            // Brussels time, as the owner chose it (the entry is read by people; the row keeps the instants)
            $"{resource.Name} {BusinessTime.LocalDateTime(booking.StartsAt):yyyy-MM-dd HH:mm}–{BusinessTime.LocalDateTime(booking.EndsAt):yyyy-MM-dd HH:mm}");
        if (booking.Status == BookingStatus.Pending)
            await notifications.NotifySyndicsAsync(db, resource.OrganisationId, NotificationType.Community, "notify.booking_pending",
                [resource.Name, Local(booking.StartsAt)], $"/bookings?building={resource.BuildingId}", ct);
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (e.SqlState() == "23P01")
        {
            // the exclusion constraint decided (two owners at once): say whose booking holds the slot
            await using var again = await dbFactory.CreateAsync(ct);
            return await ClashAsync(again, resourceId, owner, booking.StartsAt, booking.EndsAt, ct)
                   ?? new Error("error.booking_overlap", [], nameof(BookingInput.StartsAt));
        }
        return booking.Id;
    }

    /// <summary>A booking that holds part of the slot: the owner's own (they may have forgotten it) or someone else's.</summary>
    private static async Task<Error?> ClashAsync(IKoproGoDb db, Guid resourceId, Guid? owner, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        var holder = await db.Bookings.AsNoTracking()
            .Where(b => b.ResourceId == resourceId && Booking.Holding.Contains(b.Status) && b.StartsAt < end && b.EndsAt > start)
            .Select(b => new { b.OwnerId, b.StartsAt, b.EndsAt }).FirstOrDefaultAsync(ct);
        if (holder is null)
            return null;
        return holder.OwnerId == owner
            ? new Error("error.booking_overlap_own", [Local(holder.StartsAt), Local(holder.EndsAt)], nameof(BookingInput.StartsAt))
            : new Error("error.booking_overlap", [], nameof(BookingInput.StartsAt));
    }

    private static string Local(DateTimeOffset instant) => BusinessTime.LocalDateTime(instant).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    public Task<Result> ApproveAsync(Actor actor, Guid bookingId, CancellationToken ct) =>
        ChangeAsync(actor, bookingId, manage: true, "booking.approved", (b, _) => b.Status == BookingStatus.Pending ? Result.Done(b.Approve) : StatusError(b), "notify.booking_approved", ct);

    public Task<Result> RejectAsync(Actor actor, Guid bookingId, CancellationToken ct) =>
        ChangeAsync(actor, bookingId, manage: true, "booking.rejected", (b, now) => b.Status == BookingStatus.Pending ? Result.Done(() => b.Reject(now)) : StatusError(b), "notify.booking_rejected", ct);

    public Task<Result> CancelAsync(Actor actor, Guid bookingId, CancellationToken ct) =>
        ChangeAsync(actor, bookingId, manage: false, "booking.cancelled", (b, now) => b.Status is BookingStatus.Pending or BookingStatus.Confirmed ? Result.Done(() => b.Cancel(now)) : StatusError(b), null, ct);

    public Task<Result> CheckInAsync(Actor actor, Guid bookingId, CancellationToken ct) =>
        ChangeAsync(actor, bookingId, manage: false, "booking.checked_in", (b, now) => b.CanCheckIn(now) ? Result.Done(() => b.CheckIn(now)) : new Error("error.booking_checkin_window", [Resource.CheckInGraceMinutes]), null, ct);

    public Task<Result> CheckOutAsync(Actor actor, Guid bookingId, CancellationToken ct) =>
        ChangeAsync(actor, bookingId, manage: false, "booking.checked_out", (b, now) => b.Status == BookingStatus.CheckedIn ? Result.Done(() => b.CheckOut(now)) : StatusError(b), null, ct);


    private static Result StatusError(Booking booking) => Error.Of("error.booking_status", booking.Status.ToString());

    /// <summary>
    /// A change of a booking: the syndic's (approve, reject) or the booker's own (cancel, check in/out; the syndic may do
    /// those too). Someone else's booking is "not found" for a co-owner.
    /// </summary>
    private async Task<Result> ChangeAsync(Actor actor, Guid bookingId, bool manage, string action, Func<Booking, DateTimeOffset, Result> change, string? notifyKey, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.LockAsync<Booking>(bookingId, ct);
        var booking = await db.Bookings.FirstOrDefaultAsync(b => b.Id == bookingId, ct);
        if (booking is null)
            return Errors.NotFoundError;
        var resource = await db.Resources.AsNoTracking().FirstAsync(r => r.Id == booking.ResourceId, ct);
        var syndic = actor.CanManage(resource.OrganisationId, resource.BuildingId);
        var own = actor.OwnerIds.Contains(booking.OwnerId);
        if (!syndic && !(own && !manage))
            return own || actor.IsStaffOf(resource.OrganisationId, resource.BuildingId) ? Errors.ForbiddenError : Errors.NotFoundError;
        var result = change(booking, clock.GetUtcNow());
        if (!result.Succeeded)
            return result;
        db.Audit(actor, clock, action, nameof(Booking), booking.Id, resource.OrganisationId, resource.BuildingId, resource.Name);
        if (notifyKey is not null)
            await notifications.NotifyOwnersAsync(db, [booking.OwnerId], resource.OrganisationId, NotificationType.Community, notifyKey, [resource.Name, Local(booking.StartsAt)], "/bookings", ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result.Ok();
    }

    public async Task<IReadOnlyList<BookingRow>> MyBookingsAsync(Actor actor, CancellationToken ct)
    {
        var ownerIds = actor.OwnerIds.ToList();
        if (ownerIds.Count == 0)
            return [];
        await using var db = await dbFactory.CreateAsync(ct);
        return await RowsAsync(db, db.Bookings.Where(b => ownerIds.Contains(b.OwnerId)), ct);
    }

    public Task<Result<IReadOnlyList<BookingRow>>> PendingAsync(Actor actor, Guid buildingId, CancellationToken ct) =>
        dbFactory.InBuildingAsync<IReadOnlyList<BookingRow>>(actor, buildingId, BuildingRight.Staff, clock.Today(), async (db, _) =>
        {
            return Result<IReadOnlyList<BookingRow>>.Ok(await RowsAsync(db, db.Bookings.Where(b => b.BuildingId == buildingId && b.Status == BookingStatus.Pending), ct));
        }, ct);

    private async Task<IReadOnlyList<BookingRow>> RowsAsync(IKoproGoDb db, IQueryable<Booking> bookings, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = await (from b in bookings.AsNoTracking()
                          join r in db.Resources on b.ResourceId equals r.Id
                          join bu in db.Buildings on b.BuildingId equals bu.Id
                          orderby b.StartsAt descending
                          select new { Booking = b, Resource = r.Name, Building = bu.Name }).Take(200).ToListAsync(ct);
        return rows.Select(x => new BookingRow(x.Booking.Id, x.Booking.ResourceId, x.Resource, x.Building, x.Booking.StartsAt, x.Booking.EndsAt, x.Booking.Status,
            x.Booking.Price, x.Booking.Deposit, x.Booking.DepositRetained, x.Booking.LateCancellation, x.Booking.CanCheckIn(now))).ToList();
    }

    public async Task<Result<string>> IcsAsync(Actor actor, Guid bookingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var row = await (from b in db.Bookings.AsNoTracking()
                         join r in db.Resources on b.ResourceId equals r.Id
                         join bu in db.Buildings on b.BuildingId equals bu.Id
                         where b.Id == bookingId
                         select new { Booking = b, Resource = r, Building = bu }).FirstOrDefaultAsync(ct);
        if (row is null || !(actor.OwnerIds.Contains(row.Booking.OwnerId) || actor.IsStaffOf(row.Resource.OrganisationId, row.Resource.BuildingId)))
            return Errors.NotFoundError;
        var calendar = new Ical.Net.Calendar { ProductId = "-//KoproGo//Bookings//FR" };
        calendar.Events.Add(new CalendarEvent
        {
            Uid = $"{row.Booking.Id}@koprogo",
            Summary = $"{row.Resource.Name} — {row.Building.Name}",
            Location = $"{row.Building.Name}, {row.Building.Street}, {row.Building.PostalCode} {row.Building.City}",
            Start = new CalDateTime(row.Booking.StartsAt.UtcDateTime, "UTC"),
            End = new CalDateTime(row.Booking.EndsAt.UtcDateTime, "UTC"),
            DtStamp = new CalDateTime(clock.GetUtcNow().UtcDateTime, "UTC"),
        });
        return new CalendarSerializer().SerializeToString(calendar)!;
    }
}

/// <summary>
/// Hourly: a confirmed booking not checked in 30 minutes after its start becomes a no-show; a confirmed booking that
/// starts tomorrow (Brussels) reminds its booker once. Locked rows and conditional updates make a second run change nothing.
/// </summary>
[RecurringJob("bookings-no-show-and-reminders", "*/15 * * * *")]
public sealed class BookingJob(IKoproGoDbFactory dbFactory, INotificationService notifications, TimeProvider clock)
{
    public async Task<(int NoShows, int Reminders)> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateAsync(ct);
        var late = now.AddMinutes(-Resource.CheckInGraceMinutes);
        var noShows = await MarkNoShowsAsync(late, ct);
        var tomorrow = clock.Today().AddDays(1);
        var dayStart = BusinessTime.StartOfDayUtc(tomorrow);
        var dayEnd = BusinessTime.StartOfDayUtc(tomorrow.AddDays(1));
        var due = await (from b in db.Bookings
                         join r in db.Resources on b.ResourceId equals r.Id
                         where b.Status == BookingStatus.Confirmed && b.ReminderSentAt == null && b.StartsAt >= dayStart && b.StartsAt < dayEnd
                         select new { b.Id, b.OwnerId, r.OrganisationId, r.Name, b.StartsAt }).ToListAsync(ct);
        var reminders = 0;
        foreach (var b in due)
        {
            await using var one = await dbFactory.CreateAsync(ct);
            await using var tx = await one.Database.BeginTransactionAsync(ct);
            // claimed by this run only if no other run sent it meanwhile
            if (await one.Bookings.Where(x => x.Id == b.Id && x.ReminderSentAt == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.ReminderSentAt, now), ct) == 0)
                continue;
            await notifications.NotifyOwnersAsync(one, [b.OwnerId], b.OrganisationId, NotificationType.Community, "notify.booking_reminder",
                [b.Name, BusinessTime.LocalDateTime(b.StartsAt).ToString("HH:mm", CultureInfo.InvariantCulture)], "/bookings", ct);
            await one.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            reminders++;
        }
        return (noShows, reminders);
    }

    /// <summary>Through the entity and with an audit entry each, like any other change; rows another run holds are skipped.</summary>
    private async Task<int> MarkNoShowsAsync(DateTimeOffset late, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var missed = await db.Bookings
            .FromSqlInterpolated($"SELECT * FROM bookings WHERE status = {nameof(BookingStatus.Confirmed)} AND starts_at < {late} FOR UPDATE SKIP LOCKED")
            .ToListAsync(ct);
        var organisations = await db.Resources.Where(r => missed.Select(b => b.ResourceId).Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.OrganisationId, ct);
        foreach (var booking in missed)
        {
            booking.MarkNoShow();
            db.Audit(Actor.System, clock, "booking.no_show", nameof(Booking), booking.Id, organisations[booking.ResourceId], booking.BuildingId);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return missed.Count;
    }
}
