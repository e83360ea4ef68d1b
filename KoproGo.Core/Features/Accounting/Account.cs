
namespace KoproGo.Core.Features.Accounting;

/// <summary>
/// An account of an organisation's chart. Standard accounts have no label of their own: their text is the resource
/// <c>account.{Code}</c> in the reader's language. Sub-accounts added by the accountant carry the label they typed.
/// </summary>
public sealed class Account
{
    public const int CodeMax = 10, LabelMax = 120;

    private Account() { }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public string Code { get; private set; } = "";
    public string? Label { get; private set; }
    public bool IsStandard { get; private set; }
    /// <summary>
    /// Works and major repairs (611 by default): on a lot split between usufruct and bare ownership, these charges fall on
    /// the bare owner (Civil Code Art. 3.150), the others on the usufructuary; and they are no "ordinary charges" for the
    /// 5 % reserve minimum.
    /// </summary>
    public bool IsWorks { get; private set; }

    /// <summary>0 off-balance, 1–5 balance sheet, 6 charges, 7 income.</summary>
    public int Class => Code[0] - '0';

    public string DisplayLabel(string culture) => Label ?? Texts.Get("account." + Code, culture);

    public static Account Standard(Guid organisationId, string code) =>
        new() { Id = Guid.CreateVersion7(), OrganisationId = organisationId, Code = code, IsStandard = true, IsWorks = code == StandardChart.Works };

    /// <summary>A sub-account takes the works flag of its parent (61101 under 611 is works too); the accountant may change it.</summary>
    public static Account Custom(Guid organisationId, string code, string label, bool isWorks = false) =>
        new() { Id = Guid.CreateVersion7(), OrganisationId = organisationId, Code = code, Label = label.Trim(), IsWorks = isWorks };

    public void MarkWorks(bool isWorks)
    {
        if (Class != 6)
            throw new BusinessRuleException(new Error("error.account_works_class"));
        IsWorks = isWorks;
    }
}

/// <summary>
/// The minimum standard chart for co-ownerships (Royal Decree of 12 July 2012), as SPEC §3.1 lists it. The owner
/// sub-ledger is kept on 4100 (reserve fund) and 4101 (working fund), each line naming the owner: 0 = reserve and
/// 1 = working, as for the bank accounts 550/551 and the calls 700/701 (README, Decisions: the Belgian charts of FMT and
/// Diacamma do the same). Off-balance rights and commitments are class 0 (custom accounts), not 9.
/// </summary>
public static class StandardChart
{
    public const string WorkingFund = "100", ReserveFund = "160", ResultCarried = "140";
    public const string OwnersReserve = "4100", OwnersWorking = "4101", FormerOwners = "415", Suppliers = "440";
    public const string BankReserve = "550", BankCurrent = "551", InternalTransfers = "580";
    public const string CallsReserve = "700", CallsWorking = "701", CallsExtraordinary = "702";
    public const string OtherIncome = "740", LateInterest = "756", Works = "611";

    public static readonly IReadOnlyList<string> Codes =
    [
        "100", "140", "160", "161",
        "4100", "4101", "411", "415", "440", "451", "490",
        "550", "551", "570", "580",
        "610", "611", "612", "613", "614", "615", "616", "620", "640", "650",
        "700", "701", "702", "740", "750", "756",
    ];

    /// <summary>Owner sub-ledger accounts: an owner's statement reads the lines on accounts starting with 410.</summary>
    public static bool IsOwnerAccount(string code) => code.StartsWith("410", StringComparison.Ordinal);
}

public sealed class AccountInput
{
    public string? Code { get; set; }
    public string? Label { get; set; }

    public Validation Validate() => new Validation()
        .Required(Code, nameof(Code), Account.CodeMax)
        .Rule(Code is null || (Code.Trim().Length >= 3 && Code.Trim().All(char.IsAsciiDigit) && Code.Trim()[0] is >= '0' and <= '7'),
            nameof(Code), "error.account_code")
        .Required(Label, nameof(Label), Account.LabelMax);
}
