
namespace KoproGo.Core.Features.Organisations;

/// <summary>
/// A syndic firm (or a self-managed co-ownership). Its identity and contact are what Civil Code Art. 3.89 requires
/// to be displayed publicly for every building it manages.
/// </summary>
public sealed class Organisation
{
    public const int NameMax = 200, ContactMax = 200, OfficeHoursMax = 500;

    private Organisation() { }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string? EnterpriseNumber { get; private set; }
    public string ContactEmail { get; private set; } = "";
    public string? Phone { get; private set; }
    public string? Address { get; private set; }
    public string? OfficeHours { get; private set; }
    public string? EmergencyPhone { get; private set; }
    /// <summary>IPI/BIV approval number of the professional syndic, shown on the public page.</summary>
    public string? ApprovalNumber { get; private set; }
    public bool IsSuspended { get; private set; }
    /// <summary>Syndics and accountants of this organisation must turn on two-factor sign-in before anything else.</summary>
    public bool RequireTwoFactorForStaff { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static Organisation Create(OrganisationInput input, DateTimeOffset now)
    {
        var o = new Organisation { Id = Guid.CreateVersion7(), CreatedAt = now };
        o.Update(input);
        return o;
    }

    public void Update(OrganisationInput input)
    {
        Name = input.Name.Trim();
        EnterpriseNumber = BelgianIdentifiers.NormaliseEnterpriseNumber(input.EnterpriseNumber);
        ContactEmail = input.ContactEmail.Trim();
        Phone = Text.Clean(input.Phone);
        Address = Text.Clean(input.Address);
        OfficeHours = Text.Clean(input.OfficeHours);
        EmergencyPhone = Text.Clean(input.EmergencyPhone);
        ApprovalNumber = Text.Clean(input.ApprovalNumber);
        RequireTwoFactorForStaff = input.RequireTwoFactorForStaff;
    }

    public void Suspend() => IsSuspended = true;
    public void Reactivate() => IsSuspended = false;
}

public sealed class OrganisationInput
{
    public string Name { get; set; } = "";
    public string? EnterpriseNumber { get; set; }
    public string ContactEmail { get; set; } = "";
    public string? Phone { get; set; }
    public string? Address { get; set; }
    public string? OfficeHours { get; set; }
    public string? EmergencyPhone { get; set; }
    public string? ApprovalNumber { get; set; }
    public bool RequireTwoFactorForStaff { get; set; }

    public Validation Validate() => new Validation()
        .Required(Name, nameof(Name), Organisation.NameMax)
        .Email(ContactEmail, nameof(ContactEmail), required: true)
        .Rule(string.IsNullOrWhiteSpace(EnterpriseNumber) || BelgianIdentifiers.NormaliseEnterpriseNumber(EnterpriseNumber) is not null,
            nameof(EnterpriseNumber), "error.enterprise_number")
        .Optional(Phone, nameof(Phone), 40)
        .Optional(Address, nameof(Address), Organisation.ContactMax)
        .Optional(OfficeHours, nameof(OfficeHours), Organisation.OfficeHoursMax)
        .Optional(EmergencyPhone, nameof(EmergencyPhone), 40)
        .Optional(ApprovalNumber, nameof(ApprovalNumber), 40);
}
