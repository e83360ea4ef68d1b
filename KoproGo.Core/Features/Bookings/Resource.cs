
namespace KoproGo.Core.Features.Bookings;

public enum ResourceType { Room, Parking, SportsFacility, Barbecue, LaundryRoom, GuestRoom, StorageSpace, Other }

/// <summary>
/// A shared room or facility of a building that co-owners book (SPEC §7.5), as the syndic configured it: price per hour
/// or per day (or free), deposit, capacity, approval, slot length, longest booking, how far ahead, how many at once per
/// owner, opening hours (Brussels time; a resource booked by the day ignores them).
/// </summary>
public sealed class Resource
{
    public const int NameMax = 100, DescriptionMax = 1_000, FreeCancellationHours = 24, CheckInGraceMinutes = 30, LateCheckOutMinutes = 60;

    private Resource() { }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid BuildingId { get; private set; }
    public string Name { get; private set; } = "";
    public ResourceType Type { get; private set; }
    public string? Description { get; private set; }
    public decimal? HourlyRate { get; private set; }
    public decimal? DailyRate { get; private set; }
    public decimal Deposit { get; private set; }
    public int Capacity { get; private set; }
    public bool RequiresApproval { get; private set; }
    public int SlotMinutes { get; private set; }
    public int MaxDurationMinutes { get; private set; }
    public int MaxAdvanceDays { get; private set; }
    public int MaxActivePerOwner { get; private set; }
    public TimeOnly OpensAt { get; private set; }
    /// <summary>00:00 means midnight at the end of the day.</summary>
    public TimeOnly ClosesAt { get; private set; }

    public bool ByTheDay => SlotMinutes >= 1440;

    public static Resource Create(Guid organisationId, Guid buildingId, ResourceInput input)
    {
        var resource = new Resource { Id = Guid.CreateVersion7(), OrganisationId = organisationId, BuildingId = buildingId };
        resource.Update(input);
        return resource;
    }

    public void Update(ResourceInput input)
    {
        Name = input.Name!.Trim();
        Type = input.Type;
        Description = Text.Clean(input.Description);
        HourlyRate = input.HourlyRate;
        DailyRate = input.DailyRate;
        Deposit = input.Deposit;
        Capacity = input.Capacity;
        RequiresApproval = input.RequiresApproval;
        SlotMinutes = input.SlotMinutes;
        MaxDurationMinutes = input.MaxDurationMinutes;
        MaxAdvanceDays = input.MaxAdvanceDays;
        MaxActivePerOwner = input.MaxActivePerOwner;
        OpensAt = input.OpensAt;
        ClosesAt = input.ClosesAt;
    }
}

public sealed class ResourceInput
{
    public string? Name { get; set; }
    public ResourceType Type { get; set; } = ResourceType.Room;
    public string? Description { get; set; }
    public decimal? HourlyRate { get; set; }
    public decimal? DailyRate { get; set; }
    public decimal Deposit { get; set; }
    public int Capacity { get; set; } = 1;
    public bool RequiresApproval { get; set; }
    public int SlotMinutes { get; set; } = 60;
    public int MaxDurationMinutes { get; set; } = 240;
    public int MaxAdvanceDays { get; set; } = 30;
    public int MaxActivePerOwner { get; set; } = 2;
    public TimeOnly OpensAt { get; set; } = new(8, 0);
    public TimeOnly ClosesAt { get; set; } = new(22, 0);

    public Validation Validate()
    {
        var closes = ClosesAt == TimeOnly.MinValue ? 24 * 60 : ClosesAt.Hour * 60 + ClosesAt.Minute;
        var opens = OpensAt.Hour * 60 + OpensAt.Minute;
        return new Validation()
            .Required(Name, nameof(Name), Resource.NameMax)
            .Optional(Description, nameof(Description), Resource.DescriptionMax)
            .Rule(Enum.IsDefined(Type), nameof(Type), Errors.Required)
            .Rule(HourlyRate is null || DailyRate is null, nameof(HourlyRate), "error.resource_one_rate")
            .Rule((HourlyRate ?? 0) >= 0 && (DailyRate ?? 0) >= 0 && Deposit >= 0, nameof(HourlyRate), "error.resource_negative")
            .Amount(HourlyRate, nameof(HourlyRate)).Amount(DailyRate, nameof(DailyRate)).Amount(Deposit, nameof(Deposit))
            .Rule(Capacity is >= 1 and <= 1_000, nameof(Capacity), "error.resource_capacity")
            .Rule(SlotMinutes is 15 or 30 or 60 or 120 or 240 or 1440, nameof(SlotMinutes), "error.resource_slot")
            .Rule(MaxDurationMinutes >= SlotMinutes && MaxDurationMinutes % SlotMinutes == 0 && MaxDurationMinutes <= 14 * 1440, nameof(MaxDurationMinutes), "error.resource_duration")
            .Rule(MaxAdvanceDays is >= 1 and <= 90, nameof(MaxAdvanceDays), "error.resource_advance")
            .Rule(MaxActivePerOwner is >= 1 and <= 10, nameof(MaxActivePerOwner), "error.resource_per_owner")
            .Rule(SlotMinutes >= 1440 || (closes > opens && (closes - opens) % SlotMinutes == 0), nameof(OpensAt), "error.resource_hours");
    }
}
