
namespace KoproGo.Core.Features.Accounting;

/// <summary>A supplier of the organisation (plumber, insurer, energy company): the 440 sub-ledger names it.</summary>
public sealed class Supplier
{
    public const int NameMax = 200, EmailMax = 254;

    private Supplier() { }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public string Name { get; private set; } = "";
    public string? EnterpriseNumber { get; private set; }
    public string? Iban { get; private set; }
    public string? Email { get; private set; }

    public static Supplier Create(Guid organisationId, SupplierInput input)
    {
        var s = new Supplier { Id = Guid.CreateVersion7(), OrganisationId = organisationId };
        s.Update(input);
        return s;
    }

    public void Update(SupplierInput input)
    {
        Name = input.Name!.Trim();
        EnterpriseNumber = BelgianIdentifiers.NormaliseEnterpriseNumber(input.EnterpriseNumber);
        Iban = BelgianIdentifiers.NormaliseIban(input.Iban);
        Email = Text.Clean(input.Email)?.ToLowerInvariant();
    }
}

public sealed class SupplierInput
{
    public string? Name { get; set; }
    public string? EnterpriseNumber { get; set; }
    public string? Iban { get; set; }
    public string? Email { get; set; }

    public Validation Validate() => new Validation()
        .Required(Name, nameof(Name), Supplier.NameMax)
        .Rule(string.IsNullOrWhiteSpace(EnterpriseNumber) || BelgianIdentifiers.NormaliseEnterpriseNumber(EnterpriseNumber) is not null, nameof(EnterpriseNumber), "error.enterprise_number")
        .Rule(string.IsNullOrWhiteSpace(Iban) || BelgianIdentifiers.NormaliseIban(Iban) is not null, nameof(Iban), "error.iban")
        .Email(Email, nameof(Email), required: false);
}
