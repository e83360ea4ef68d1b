
namespace KoproGo.Core.Features.Notices;

/// <summary>Announcement: the syndic's. ForSale (a price) and Event (a date and a place): anyone living in the building.</summary>
public enum NoticeCategory { Announcement, ForSale, Event }

public enum NoticeStatus { Draft, Published, Expired, Archived }

/// <summary>A notice on the building's board (SPEC §7.2), or on every building of the organisation when it has no building.</summary>
public sealed class Notice
{
    public const int TitleMax = 150, BodyMax = 4_000, PlaceMax = 200, MaxPhotos = 5;

    private Notice() { }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    /// <summary>Null: shown in all the organisation's buildings.</summary>
    public Guid? BuildingId { get; private set; }
    public string? AuthorUserId { get; private set; }
    public string AuthorName { get; private set; } = "";
    public NoticeCategory Category { get; private set; }
    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";
    public decimal? Price { get; private set; }
    public DateTimeOffset? EventAt { get; private set; }
    public string? Place { get; private set; }
    public NoticeStatus Status { get; private set; }
    public DateTimeOffset? ExpiresAt { get; private set; }
    public List<Guid> PhotoFileIds { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }

    public static Notice Draft(Guid organisationId, Guid? buildingId, Actor author, NoticeInput input, DateTimeOffset now)
    {
        var notice = new Notice
        {
            Id = Guid.CreateVersion7(),
            OrganisationId = organisationId,
            BuildingId = buildingId,
            AuthorUserId = author.UserId,
            AuthorName = author.Name,
            Status = NoticeStatus.Draft,
            CreatedAt = now,
        };
        notice.Update(input);
        return notice;
    }

    public void Update(NoticeInput input)
    {
        Category = input.Category;
        Title = input.Title!.Trim();
        Body = input.Body!.Trim();
        Price = input.Category == NoticeCategory.ForSale ? input.Price : null;
        EventAt = input.Category == NoticeCategory.Event ? input.EventAt : null;
        Place = input.Category == NoticeCategory.Event ? Text.Clean(input.Place) : null;
        ExpiresAt = input.ExpiresAt;
        PhotoFileIds = [.. input.PhotoFileIds.Distinct()];
    }

    public void Publish(DateTimeOffset now) => Move(NoticeStatus.Draft, NoticeStatus.Published, () => PublishedAt = now);

    public void Expire() => Move(NoticeStatus.Published, NoticeStatus.Expired, () => { });

    public void Archive()
    {
        if (Status == NoticeStatus.Archived)
            throw new InvalidOperationException($"Notice {Id} is archived.");
        Status = NoticeStatus.Archived;
    }

    private void Move(NoticeStatus from, NoticeStatus to, Action apply)
    {
        if (Status != from)
            throw new InvalidOperationException($"Notice {Id} is {Status}, not {from}.");
        apply();
        Status = to;
    }
}

/// <summary>A comment or a reply (one level of <see cref="ParentId"/>). Removed comments keep their place, not their text.</summary>
public sealed class NoticeComment
{
    public const int BodyMax = 1_000, ReasonMax = 300;

    private NoticeComment() { }

    public Guid Id { get; private set; }
    public Guid NoticeId { get; private set; }
    public Guid? ParentId { get; private set; }
    public string? AuthorUserId { get; private set; }
    public string AuthorName { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? EditedAt { get; private set; }
    public DateTimeOffset? RemovedAt { get; private set; }
    public string? RemovedReason { get; private set; }

    public bool IsRemoved => RemovedAt is not null;

    public static NoticeComment Write(Guid noticeId, Guid? parentId, Actor author, string body, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        NoticeId = noticeId,
        ParentId = parentId,
        AuthorUserId = author.UserId,
        AuthorName = author.Name,
        Body = body.Trim(),
        CreatedAt = now,
    };

    public void Edit(string body, DateTimeOffset now)
    {
        Body = body.Trim();
        EditedAt = now;
    }

    /// <summary>By its author (no reason) or by the syndic (with the reason sent to the author); the text goes.</summary>
    public void Remove(string? reason, DateTimeOffset now)
    {
        Body = "";
        RemovedAt = now;
        RemovedReason = Text.Clean(reason);
    }
}

public sealed class NoticeInput
{
    public NoticeCategory Category { get; set; } = NoticeCategory.ForSale;
    public string? Title { get; set; }
    public string? Body { get; set; }
    public decimal? Price { get; set; }
    public DateTimeOffset? EventAt { get; set; }
    public string? Place { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    /// <summary>Syndic only: the notice shows in every building of the organisation.</summary>
    public bool AllBuildings { get; set; }
    public List<Guid> PhotoFileIds { get; set; } = [];

    public Validation Validate(DateTimeOffset now) => new Validation()
        .Rule(Enum.IsDefined(Category), nameof(Category), Errors.Required)
        .Required(Title, nameof(Title), Notice.TitleMax)
        .Required(Body, nameof(Body), Notice.BodyMax)
        .Rule(Category != NoticeCategory.ForSale || Price is > 0, nameof(Price), "error.notice_price")
        .Amount(Price, nameof(Price))
        .Rule(Price is null || Money.HasAtMostCents(Price.Value), nameof(Price), "error.amount_cents")
        .Rule(Category != NoticeCategory.Event || EventAt is not null, nameof(EventAt), "error.notice_event_date")
        .Instant(EventAt, nameof(EventAt))
        .Instant(ExpiresAt, nameof(ExpiresAt))
        .Rule(Category != NoticeCategory.Event || !string.IsNullOrWhiteSpace(Place), nameof(Place), "error.notice_event_place")
        .Optional(Place, nameof(Place), Notice.PlaceMax)
        .Rule(ExpiresAt is null || ExpiresAt > now, nameof(ExpiresAt), "error.notice_expiry")
        .Rule(PhotoFileIds.Distinct().Count() <= Notice.MaxPhotos, nameof(PhotoFileIds), "error.too_many_photos", Notice.MaxPhotos);
}
