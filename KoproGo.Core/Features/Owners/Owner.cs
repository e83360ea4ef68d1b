
namespace KoproGo.Core.Features.Owners;

public enum OwnerKind { Person, Company }

/// <summary>A co-owner: a natural person or a company, known to one organisation.</summary>
public sealed class Owner
{
    public const int NameMax = 100, CompanyMax = 200, AddressMax = 300, PhoneMax = 40;

    private Owner() { }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public OwnerKind Kind { get; private set; }
    public string? FirstName { get; private set; }
    public string? LastName { get; private set; }
    public string? CompanyName { get; private set; }
    public string? EnterpriseNumber { get; private set; }
    public string? Email { get; private set; }
    public string? Phone { get; private set; }
    public string? PostalAddress { get; private set; }
    public string PreferredLanguage { get; private set; } = "fr-BE";
    /// <summary>
    /// Written consent to receive convocations by email (Civil Code Art. 3.87 §3): without it they go by
    /// registered letter.
    /// </summary>
    public bool ConsentsToEmailConvocation { get; private set; }
    /// <summary>The platform account linked to this owner, once an invitation is accepted.</summary>
    public string? UserId { get; private set; }

    /// <summary>GDPR erasure: personal fields were replaced by a pseudonym; accounting keeps referring to this row.</summary>
    public DateTimeOffset? ErasedAt { get; private set; }

    public string DisplayName => Kind == OwnerKind.Company ? CompanyName ?? "" : $"{LastName} {FirstName}".Trim();

    public static Owner Create(Guid organisationId, OwnerInput input)
    {
        var o = new Owner { Id = Guid.CreateVersion7(), OrganisationId = organisationId };
        o.Update(input);
        return o;
    }

    public void Update(OwnerInput input)
    {
        Kind = input.Kind;
        FirstName = input.Kind == OwnerKind.Person ? Text.Clean(input.FirstName) : null;
        LastName = input.Kind == OwnerKind.Person ? Text.Clean(input.LastName) : null;
        CompanyName = input.Kind == OwnerKind.Company ? Text.Clean(input.CompanyName) : null;
        EnterpriseNumber = input.Kind == OwnerKind.Company ? BelgianIdentifiers.NormaliseEnterpriseNumber(input.EnterpriseNumber) : null;
        Email = Text.Clean(input.Email)?.ToLowerInvariant();
        Phone = Text.Clean(input.Phone);
        PostalAddress = Text.Clean(input.PostalAddress);
        PreferredLanguage = input.PreferredLanguage;
        ConsentsToEmailConvocation = input.ConsentsToEmailConvocation && Email is not null;
    }

    /// <summary>
    /// GDPR Art. 17: keeps the row (accounting and ownership history point to it) under a pseudonym, and drops every
    /// field that identifies the person.
    /// </summary>
    public void Anonymise(string pseudonym, DateTimeOffset now)
    {
        Kind = OwnerKind.Person;
        FirstName = null;
        LastName = pseudonym;
        CompanyName = null;
        EnterpriseNumber = null;
        Email = null;
        Phone = null;
        PostalAddress = null;
        ConsentsToEmailConvocation = false;
        UserId = null;
        ErasedAt = now;
    }

    /// <summary>GDPR Art. 16: the person corrects their own contact details (the syndic keeps using <see cref="Update"/>).</summary>
    public void Rectify(string? email, string? phone, string? postalAddress)
    {
        Email = Text.Clean(email)?.ToLowerInvariant();
        Phone = Text.Clean(phone);
        PostalAddress = Text.Clean(postalAddress);
        ConsentsToEmailConvocation = ConsentsToEmailConvocation && Email is not null;
    }

    /// <summary>The linked account's email changed (confirmed through the link sent to it): the owner record follows.</summary>
    public void ChangeEmail(string email) => Email = Text.Clean(email)?.ToLowerInvariant();

    public void UnlinkUser() => UserId = null;

    public void LinkUser(string userId)
    {
        if (UserId is not null && UserId != userId)
            throw new BusinessRuleException(new Error("error.owner_already_linked"));
        UserId = userId;
    }
}

public sealed class OwnerInput
{
    public OwnerKind Kind { get; set; } = OwnerKind.Person;
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? CompanyName { get; set; }
    public string? EnterpriseNumber { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? PostalAddress { get; set; }
    public string PreferredLanguage { get; set; } = "fr-BE";
    public bool ConsentsToEmailConvocation { get; set; }

    public Validation Validate()
    {
        var v = new Validation();
        if (Kind == OwnerKind.Person)
            v.Required(LastName, nameof(LastName), Owner.NameMax).Optional(FirstName, nameof(FirstName), Owner.NameMax);
        else
            v.Required(CompanyName, nameof(CompanyName), Owner.CompanyMax)
             .Rule(string.IsNullOrWhiteSpace(EnterpriseNumber) || BelgianIdentifiers.NormaliseEnterpriseNumber(EnterpriseNumber) is not null,
                 nameof(EnterpriseNumber), "error.enterprise_number");
        // the other kind's fields are hidden and dropped on save, but an absurd value in them is refused, not ignored
        v.Optional(CompanyName, nameof(CompanyName), Owner.CompanyMax).Optional(EnterpriseNumber, nameof(EnterpriseNumber), TextLengths.EnterpriseNumberAsTyped)
         .Optional(LastName, nameof(LastName), Owner.NameMax).Optional(FirstName, nameof(FirstName), Owner.NameMax);
        return v.Rule(Enum.IsDefined(Kind), nameof(Kind), Errors.Required)
            .Email(Email, nameof(Email), required: false)
            .Optional(Phone, nameof(Phone), Owner.PhoneMax)
            .Optional(PostalAddress, nameof(PostalAddress), Owner.AddressMax)
            .Rule(PreferredLanguage is "fr-BE" or "nl-BE" or "en-BE", nameof(PreferredLanguage), Errors.Required)
            .Rule(!ConsentsToEmailConvocation || !string.IsNullOrWhiteSpace(Email), nameof(ConsentsToEmailConvocation), "error.consent_needs_email");
    }
}
