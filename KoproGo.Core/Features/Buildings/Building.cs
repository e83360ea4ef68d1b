using System.Text.RegularExpressions;

namespace KoproGo.Core.Features.Buildings;

/// <summary>Belgian region: decides inspection rules, the language of official letters and some legal values.</summary>
public enum Region { Brussels, Wallonia, Flanders }

/// <summary>
/// When late interest starts to run: by default (civil law, no clause) from the formal notice (mise en demeure); from the
/// due date only when the statutes or the house rules say so (the clause is then recorded on the building).
/// </summary>
public enum InterestStart { FormalNotice, DueDate }

/// <summary>An association of co-owners (ACP / VME) and its building.</summary>
public sealed partial class Building
{
    public const int NameMax = 200, StreetMax = 200, CityMax = 100, SlugMax = 80;
    /// <summary>The beneficiary name of an EPC QR code holds 70 characters.</summary>
    public const int HolderMax = 70, ClauseMax = 200;
    public const int MinTotalShares = 1, MaxTotalShares = 1_000_000;

    private Building() { }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public string Name { get; private set; } = "";
    public string Street { get; private set; } = "";
    public string PostalCode { get; private set; } = "";
    public string City { get; private set; } = "";
    public Region Region { get; private set; }
    public string? EnterpriseNumber { get; private set; }
    /// <summary>Total of the shares (quotes-parts) in the basic deed, e.g. 1,000 or 10,000.</summary>
    public int TotalShares { get; private set; }
    public string? WorkingFundIban { get; private set; }
    public string? ReserveFundIban { get; private set; }
    /// <summary>
    /// The account holder's name as the bank knows it (Verification of Payee, EU 2024/886, checks it on every transfer since
    /// 9 October 2025); null = the association's default name <see cref="DefaultHolder"/>.
    /// </summary>
    public string? WorkingFundHolder { get; private set; }
    public string? ReserveFundHolder { get; private set; }
    public InterestStart InterestStart { get; private set; } = InterestStart.FormalNotice;
    /// <summary>The article of the statutes or house rules that makes interest run from the due date.</summary>
    public string? InterestClause { get; private set; }
    /// <summary>Provisional acceptance of the common parts: the 5 % reserve minimum applies from 5 years after it (Art. 3.86 §3).</summary>
    public DateOnly? ProvisionalAcceptance { get; private set; }
    /// <summary>Month (1–12) on whose first day the fiscal year starts.</summary>
    public int FiscalYearStartMonth { get; private set; } = 1;
    public int? ConstructionYear { get; private set; }
    public string Slug { get; private set; } = "";
    /// <summary>Language of the building's official documents when an owner has no preference (fr-BE or nl-BE).</summary>
    public string Language { get; private set; } = "fr-BE";
    public uint Version { get; private set; }

    public static Building Create(Guid organisationId, BuildingInput input)
    {
        var b = new Building { Id = Guid.CreateVersion7(), OrganisationId = organisationId };
        b.Apply(input);
        return b;
    }

    /// <summary>Total shares cannot drop below what the units already hold.</summary>
    public void Update(BuildingInput input, int sharesAllocated)
    {
        if (input.TotalShares < sharesAllocated)
            throw new BusinessRuleException(new Error("error.total_below_allocated", [sharesAllocated], nameof(input.TotalShares)));
        Apply(input);
    }

    private void Apply(BuildingInput input)
    {
        Name = input.Name.Trim();
        Street = input.Street.Trim();
        PostalCode = input.PostalCode.Trim();
        City = input.City.Trim();
        Region = input.Region;
        EnterpriseNumber = BelgianIdentifiers.NormaliseEnterpriseNumber(input.EnterpriseNumber);
        TotalShares = input.TotalShares;
        WorkingFundIban = BelgianIdentifiers.NormaliseIban(input.WorkingFundIban);
        ReserveFundIban = BelgianIdentifiers.NormaliseIban(input.ReserveFundIban);
        FiscalYearStartMonth = input.FiscalYearStartMonth;
        ConstructionYear = input.ConstructionYear;
        Slug = input.Slug.Trim().ToLowerInvariant();
        Language = input.Language;
        WorkingFundHolder = Text.Clean(input.WorkingFundHolder);
        ReserveFundHolder = Text.Clean(input.ReserveFundHolder);
        InterestStart = input.InterestStart;
        InterestClause = Text.Clean(input.InterestClause);
        ProvisionalAcceptance = input.ProvisionalAcceptance;
    }

    /// <summary>"ACP Résidence Horta" / "VME Residentie Leie": the association's name, the usual holder of its accounts.</summary>
    public string DefaultHolder => (Language == "nl-BE" ? "VME " : "ACP ") + Name;

    public string? IbanOf(Calls.Fund fund) => fund == Calls.Fund.Reserve ? ReserveFundIban : WorkingFundIban;

    public string HolderOf(Calls.Fund fund)
    {
        var holder = (fund == Calls.Fund.Reserve ? ReserveFundHolder : WorkingFundHolder) ?? DefaultHolder;
        return holder.Length > HolderMax ? holder[..HolderMax] : holder;
    }

    /// <summary>The fund whose account this is, if it is one of the building's.</summary>
    public Calls.Fund? FundOfAccount(string iban) =>
        iban == WorkingFundIban ? Calls.Fund.Working : iban == ReserveFundIban ? Calls.Fund.Reserve : null;

    /// <summary>Whether the statutory 5 % reserve minimum applies in a year starting on that day (no acceptance date known: it does).</summary>
    public bool ReserveMinimumAppliesOn(DateOnly day) => ProvisionalAcceptance is not { } accepted || day >= accepted.AddYears(5);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    internal static partial Regex SlugPattern();
}

public sealed class BuildingInput
{
    public string Name { get; set; } = "";
    public string Street { get; set; } = "";
    public string PostalCode { get; set; } = "";
    public string City { get; set; } = "";
    public Region Region { get; set; } = Region.Brussels;
    public string? EnterpriseNumber { get; set; }
    public int TotalShares { get; set; } = 1000;
    public string? WorkingFundIban { get; set; }
    public string? ReserveFundIban { get; set; }
    public int FiscalYearStartMonth { get; set; } = 1;
    public int? ConstructionYear { get; set; }
    public string Slug { get; set; } = "";
    public string Language { get; set; } = "fr-BE";
    public string? WorkingFundHolder { get; set; }
    public string? ReserveFundHolder { get; set; }
    public InterestStart InterestStart { get; set; } = InterestStart.FormalNotice;
    public string? InterestClause { get; set; }
    public DateOnly? ProvisionalAcceptance { get; set; }

    /// <summary>The form for editing a building: every field, so that saving the dialog never resets one it does not show.</summary>
    public static BuildingInput From(Building b) => new()
    {
        Name = b.Name,
        Street = b.Street,
        PostalCode = b.PostalCode,
        City = b.City,
        Region = b.Region,
        EnterpriseNumber = b.EnterpriseNumber,
        TotalShares = b.TotalShares,
        WorkingFundIban = b.WorkingFundIban,
        ReserveFundIban = b.ReserveFundIban,
        FiscalYearStartMonth = b.FiscalYearStartMonth,
        ConstructionYear = b.ConstructionYear,
        Slug = b.Slug,
        Language = b.Language,
        WorkingFundHolder = b.WorkingFundHolder,
        ReserveFundHolder = b.ReserveFundHolder,
        InterestStart = b.InterestStart,
        InterestClause = b.InterestClause,
        ProvisionalAcceptance = b.ProvisionalAcceptance,
    };

    public Validation Validate(int currentYear) => new Validation()
        .Required(Name, nameof(Name), Building.NameMax)
        .Required(Street, nameof(Street), Building.StreetMax)
        .Rule(PostalCode is { Length: 4 } && PostalCode.All(char.IsAsciiDigit) && PostalCode[0] != '0', nameof(PostalCode), "error.postal_code")
        .Required(City, nameof(City), Building.CityMax)
        .Rule(Enum.IsDefined(Region), nameof(Region), Errors.Required)
        .Rule(string.IsNullOrWhiteSpace(EnterpriseNumber) || BelgianIdentifiers.NormaliseEnterpriseNumber(EnterpriseNumber) is not null,
            nameof(EnterpriseNumber), "error.enterprise_number")
        .Rule(TotalShares is >= Building.MinTotalShares and <= Building.MaxTotalShares, nameof(TotalShares), "error.total_shares", Building.MaxTotalShares)
        .Rule(string.IsNullOrWhiteSpace(WorkingFundIban) || BelgianIdentifiers.NormaliseIban(WorkingFundIban) is not null, nameof(WorkingFundIban), "error.iban")
        .Rule(string.IsNullOrWhiteSpace(ReserveFundIban) || BelgianIdentifiers.NormaliseIban(ReserveFundIban) is not null, nameof(ReserveFundIban), "error.iban")
        .Rule(FiscalYearStartMonth is >= 1 and <= 12, nameof(FiscalYearStartMonth), "error.month")
        .Rule(ConstructionYear is null || (ConstructionYear >= 1000 && ConstructionYear <= currentYear + 5), nameof(ConstructionYear), "error.construction_year")
        .Rule(!string.IsNullOrWhiteSpace(Slug) && Slug.Trim().Length <= Building.SlugMax && Building.SlugPattern().IsMatch(Slug.Trim().ToLowerInvariant()), nameof(Slug), "error.slug")
        .Rule(Language is "fr-BE" or "nl-BE" or "en-BE", nameof(Language), Errors.Required)
        .Optional(WorkingFundHolder, nameof(WorkingFundHolder), Building.HolderMax)
        .Optional(ReserveFundHolder, nameof(ReserveFundHolder), Building.HolderMax)
        .Rule(string.IsNullOrWhiteSpace(ReserveFundIban) || BelgianIdentifiers.NormaliseIban(ReserveFundIban) != BelgianIdentifiers.NormaliseIban(WorkingFundIban),
            nameof(ReserveFundIban), "error.iban_same_account")
        .Rule(Enum.IsDefined(InterestStart), nameof(InterestStart), Errors.Required)
        .Rule(InterestStart != InterestStart.DueDate || !string.IsNullOrWhiteSpace(InterestClause), nameof(InterestClause), "error.interest_clause")
        .Optional(InterestClause, nameof(InterestClause), Building.ClauseMax)
        .Rule(ProvisionalAcceptance is null || (ProvisionalAcceptance.Value.Year >= 1800 && ProvisionalAcceptance.Value.Year <= currentYear + 5), nameof(ProvisionalAcceptance), "error.date_range");
}
