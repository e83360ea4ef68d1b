
namespace KoproGo.Core.Features.Skills;

public enum SkillType { Professional, Hobby, Language }

public enum SkillLevel { Beginner, Intermediate, Advanced, Expert }

public enum SkillAvailability { Available, Busy, Unavailable }

public enum ExchangeStatus { Requested, Completed, Cancelled }

/// <summary>What a co-owner offers to neighbours (SPEC §7.3), paid in euros, in time credits (1 hour = 1 credit), or both.</summary>
public sealed class Skill
{
    public const int TitleMax = 100, DescriptionMax = 1_000, MaxCertificates = 5;

    private Skill() { }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid BuildingId { get; private set; }
    public Guid OwnerId { get; private set; }
    public SkillType Type { get; private set; }
    public string Title { get; private set; } = "";
    public string? Description { get; private set; }
    public SkillLevel Level { get; private set; }
    public SkillAvailability Availability { get; private set; }
    public decimal? HourlyRate { get; private set; }
    public bool AcceptsTimeCredits { get; private set; }
    public int YearsOfExperience { get; private set; }
    public List<Guid> CertificateFileIds { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }

    public static Skill Offer(Guid organisationId, Guid buildingId, Guid ownerId, SkillInput input, DateTimeOffset now)
    {
        var skill = new Skill { Id = Guid.CreateVersion7(), OrganisationId = organisationId, BuildingId = buildingId, OwnerId = ownerId, CreatedAt = now };
        skill.Update(input);
        return skill;
    }

    public void Update(SkillInput input)
    {
        Type = input.Type;
        Title = input.Title!.Trim();
        Description = Text.Clean(input.Description);
        Level = input.Level;
        Availability = input.Availability;
        HourlyRate = input.HourlyRate is > 0 ? input.HourlyRate : null;
        AcceptsTimeCredits = input.AcceptsTimeCredits;
        YearsOfExperience = input.YearsOfExperience;
        CertificateFileIds = [.. input.CertificateFileIds.Distinct()];
    }
}

/// <summary>A neighbour vouches for a skill: one per person and skill (the key), never one's own.</summary>
public sealed class Endorsement
{
    public Guid SkillId { get; set; }
    public Guid OwnerId { get; set; }
    public DateTimeOffset EndorsedAt { get; set; }
}

/// <summary>A service paid in time: asked by the receiver, marked done by the provider; then the hours move from one balance to the other.</summary>
public sealed class TimeExchange
{
    public const int DescriptionMax = 500;

    private TimeExchange() { }

    public Guid Id { get; private set; }
    public Guid SkillId { get; private set; }
    public Guid BuildingId { get; private set; }
    public Guid ProviderId { get; private set; }
    public Guid ReceiverId { get; private set; }
    public decimal Hours { get; private set; }
    public string? Description { get; private set; }
    public ExchangeStatus Status { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    public static TimeExchange Request(Skill skill, Guid receiverId, decimal hours, string? description, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        SkillId = skill.Id,
        BuildingId = skill.BuildingId,
        ProviderId = skill.OwnerId,
        ReceiverId = receiverId,
        Hours = hours,
        Description = Text.Clean(description),
        Status = ExchangeStatus.Requested,
        RequestedAt = now,
    };

    public void Complete(DateTimeOffset now)
    {
        if (Status != ExchangeStatus.Requested)
            throw new InvalidOperationException($"Exchange {Id} is {Status}.");
        Status = ExchangeStatus.Completed;
        CompletedAt = now;
    }

    public void Cancel()
    {
        if (Status != ExchangeStatus.Requested)
            throw new InvalidOperationException($"Exchange {Id} is {Status}.");
        Status = ExchangeStatus.Cancelled;
    }

    /// <summary>Half hours, from 30 minutes to a full day.</summary>
    public static bool IsValidHours(decimal hours) => hours is >= 0.5m and <= 24m && hours * 2 == decimal.Truncate(hours * 2);
}

public sealed class SkillInput
{
    public SkillType Type { get; set; } = SkillType.Hobby;
    public string? Title { get; set; }
    public string? Description { get; set; }
    public SkillLevel Level { get; set; } = SkillLevel.Intermediate;
    public SkillAvailability Availability { get; set; } = SkillAvailability.Available;
    public decimal? HourlyRate { get; set; }
    public bool AcceptsTimeCredits { get; set; } = true;
    public int YearsOfExperience { get; set; }
    public List<Guid> CertificateFileIds { get; set; } = [];

    public Validation Validate() => new Validation()
        .Rule(Enum.IsDefined(Type) && Enum.IsDefined(Level) && Enum.IsDefined(Availability), nameof(Type), Errors.Required)
        .Required(Title, nameof(Title), Skill.TitleMax)
        .Optional(Description, nameof(Description), Skill.DescriptionMax)
        .Amount(HourlyRate, nameof(HourlyRate))
        .Rule(HourlyRate is null || (HourlyRate >= 0 && Money.HasAtMostCents(HourlyRate.Value)), nameof(HourlyRate), "error.resource_negative")
        .Rule(YearsOfExperience is >= 0 and <= 70, nameof(YearsOfExperience), "error.skill_years")
        .Rule(CertificateFileIds.Distinct().Count() <= Skill.MaxCertificates, nameof(CertificateFileIds), "error.too_many_photos", Skill.MaxCertificates);
}

public sealed record SkillQuery(string? Text = null, SkillType? Type = null, SkillLevel? Level = null, SkillAvailability? Availability = null);
