namespace KoproGo.Core.Features.Assemblies;

/// <summary>
/// The minutes' deadlines (Art. 3.87 §12): written into the register and sent to the owners within 30 days of the
/// meeting; the syndic is reminded five days before.
/// </summary>
public static class MinutesRules
{
    public const int DaysToSend = 30, RemindOnDay = 25;
}

/// <summary>Who signs the minutes at the close (Art. 3.87 §10): the president, the secretary, the owners still present.</summary>
public enum SignatoryRole { President, Secretary, Owner }

/// <summary>
/// One signature of the minutes: an authenticated click on one's own device, recording who, when, from where and the
/// SHA-256 of the exact PDF signed. A user signs once; the president and the secretary once each (unique indexes).
/// </summary>
public sealed class MinutesSignature
{
    public const int NameMax = 200;

    private MinutesSignature() { }

    public Guid Id { get; private set; }
    public Guid MeetingId { get; private set; }
    public string UserId { get; private set; } = "";
    /// <summary>The owner who signs, none for the syndic signing as secretary.</summary>
    public Guid? OwnerId { get; private set; }
    public SignatoryRole Role { get; private set; }
    public string Name { get; private set; } = "";
    public DateTimeOffset SignedAt { get; private set; }
    public string? Ip { get; private set; }
    public string Sha256 { get; private set; } = "";

    public static MinutesSignature Sign(Guid meetingId, string userId, Guid? ownerId, SignatoryRole role, string name, string? ip, string sha256, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        MeetingId = meetingId,
        UserId = userId,
        OwnerId = ownerId,
        Role = role,
        Name = name.Length > NameMax ? name[..NameMax] : name,
        SignedAt = now,
        Ip = ip,
        Sha256 = sha256,
    };
}

/// <summary>The meeting's bureau: its president, an owner present; its secretary, an owner or (none) the syndic.</summary>
public sealed class BureauInput
{
    public Guid PresidentOwnerId { get; set; }
    public Guid? SecretaryOwnerId { get; set; }

    public Validation Validate() => new Validation()
        .Rule(PresidentOwnerId != Guid.Empty, nameof(PresidentOwnerId), Errors.Required)
        .Rule(SecretaryOwnerId != PresidentOwnerId, nameof(SecretaryOwnerId), "error.bureau_same_person");
}
