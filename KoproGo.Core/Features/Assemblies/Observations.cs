using System.Globalization;
using KoproGo.Core.Features.Notices;

namespace KoproGo.Core.Features.Assemblies;

/// <summary>
/// An occupant's written observation on a convened assembly: the occupants (tenants and owners living there) are told
/// the date on the notice board and may write to the syndic, who reads them with the agenda (Civil Code Art. 3.87:
/// occupants without a vote are informed and may put written requests or observations about the common parts).
/// </summary>
public sealed class OccupantObservation
{
    public const int TextMax = 2_000;

    private OccupantObservation() { }

    public Guid Id { get; private set; }
    public Guid MeetingId { get; private set; }
    public string UserId { get; private set; } = "";
    public string AuthorName { get; private set; } = "";
    public string Text { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    public static OccupantObservation Write(Guid meetingId, string userId, string name, string text, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        MeetingId = meetingId,
        UserId = userId,
        AuthorName = name.Length > 200 ? name[..200] : name,
        Text = text.Trim(),
        CreatedAt = now,
    };
}

public sealed record ObservationRow(string Name, string Text, DateTimeOffset CreatedAt);

/// <summary>What an occupant sees of the meeting: when, where, the agenda's titles, and whether observations are still taken.</summary>
public sealed record ObservationForm(Guid MeetingId, string BuildingName, DateTimeOffset StartsAt, string Place, IReadOnlyList<string> Items, bool Open);

public interface IObservationService
{
    /// <summary>For the building's occupants (tenants, owners) and staff: the convened meeting to write about.</summary>
    Task<Result<ObservationForm>> FormAsync(Actor actor, Guid meetingId, CancellationToken ct);
    /// <summary>An occupant's written observation, until the meeting starts.</summary>
    Task<Result> SubmitAsync(Actor actor, Guid meetingId, string? text, CancellationToken ct);
    /// <summary>The observations received, for the building's staff.</summary>
    Task<Result<IReadOnlyList<ObservationRow>>> ListAsync(Actor actor, Guid meetingId, CancellationToken ct);
}

public sealed class ObservationService(IKoproGoDbFactory dbFactory, TimeProvider clock) : IObservationService
{
    public async Task<Result<ObservationForm>> FormAsync(Actor actor, Guid meetingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        if (await OccupiedAsync(db, actor, meetingId, ct) is not var (meeting, building))
            return Errors.NotFoundError;
        var items = await db.AgendaItems.AsNoTracking().Where(i => i.MeetingId == meeting.Id).OrderBy(i => i.Position).Select(i => i.Title).ToListAsync(ct);
        return new ObservationForm(meeting.Id, building.Name, meeting.StartsAt, meeting.Place, items, IsOpen(meeting));
    }

    public async Task<Result> SubmitAsync(Actor actor, Guid meetingId, string? text, CancellationToken ct)
    {
        var v = new Validation().Required(text, nameof(text), OccupantObservation.TextMax);
        if (!v.IsValid)
            return v.ToResult();
        if (actor.UserId is not { } userId)
            return Errors.ForbiddenError;
        await using var db = await dbFactory.CreateAsync(ct);
        if (await OccupiedAsync(db, actor, meetingId, ct) is not var (meeting, _))
            return Errors.NotFoundError;
        if (!IsOpen(meeting))
            return new Error("error.observation_closed");
        db.OccupantObservations.Add(OccupantObservation.Write(meeting.Id, userId, actor.Name, text!, clock.GetUtcNow()));
        db.Audit(actor, clock, "meeting.observation", nameof(Meeting), meeting.Id, meeting.OrganisationId, meeting.BuildingId);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result<IReadOnlyList<ObservationRow>>> ListAsync(Actor actor, Guid meetingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var found = await db.Meetings.AsNoTracking().Where(m => m.Id == meetingId)
            .FindInBuildingAsync(db, actor, m => m.BuildingId, BuildingRight.Staff, clock.Today(), ct);
        if (!found.Succeeded)
            return Result<IReadOnlyList<ObservationRow>>.Fail(found.Errors);
        return await db.OccupantObservations.AsNoTracking().Where(o => o.MeetingId == meetingId).OrderBy(o => o.CreatedAt)
            .Select(o => new ObservationRow(o.AuthorName, o.Text, o.CreatedAt)).ToListAsync(ct);
    }

    private bool IsOpen(Meeting meeting) => meeting.Status == MeetingStatus.Convened && clock.GetUtcNow() < meeting.StartsAt;

    /// <summary>A convened (or later) meeting of a building the actor lives in, owns in or manages; null otherwise.</summary>
    private async Task<(Meeting, Buildings.Building)?> OccupiedAsync(IKoproGoDb db, Actor actor, Guid meetingId, CancellationToken ct)
    {
        var meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId && m.Status != MeetingStatus.Draft, ct);
        if (meeting is null)
            return null;
        var building = await db.ReadableBuildings(actor, clock.Today()).AsNoTracking().FirstOrDefaultAsync(b => b.Id == meeting.BuildingId, ct);
        if (building is null)
            return null;
        var occupant = actor.IsStaffOf(building.OrganisationId, building.Id) || await db.IsResidentAsync(actor, building.Id, clock.Today(), ct);
        return occupant ? (meeting, building) : null;
    }

    /// <summary>
    /// The notice that tells the occupants the date (posted as the meeting is convened, until its day), with the link
    /// to write their observations.
    /// </summary>
    internal static void PostNotice(IKoproGoDb db, Actor actor, string organisationName, Buildings.Building building, Meeting meeting, DateTimeOffset now)
    {
        var c = Texts.Culture(building.Language);
        var local = BusinessTime.LocalDateTime(meeting.StartsAt);
        var notice = Notice.Draft(meeting.OrganisationId, meeting.BuildingId, new Actor(actor.UserId, organisationName, false, []), new NoticeInput
        {
            Category = NoticeCategory.Event,
            Title = Texts.Get("notice.assembly.title", c, Texts.Get("enum.MeetingKind." + meeting.Kind, c), local.ToString("d", c)),
            Body = Texts.Get("notice.assembly.body", c, local.ToString("D", c), local.ToString("t", c), meeting.Place, $"/assemblies/{meeting.Id}/observations"),
            EventAt = meeting.StartsAt,
            Place = meeting.Place.Length > Notice.PlaceMax ? meeting.Place[..Notice.PlaceMax] : meeting.Place,
            ExpiresAt = meeting.StartsAt.AddDays(1),
        }, now);
        notice.Publish(now);
        db.Notices.Add(notice);
    }
}
