using KoproGo.Core.Common;

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

    /// <summary>1–5 balance sheet, 6 charges, 7 income, 9 off-balance.</summary>
    public int Class => Code[0] - '0';

    public string DisplayLabel(string culture) => Label ?? Texts.Get("account." + Code, culture);

    public static Account Standard(Guid organisationId, string code) =>
        new() { Id = Guid.CreateVersion7(), OrganisationId = organisationId, Code = code, IsStandard = true };

    public static Account Custom(Guid organisationId, string code, string label) =>
        new() { Id = Guid.CreateVersion7(), OrganisationId = organisationId, Code = code, Label = label.Trim() };
}

/// <summary>
/// The minimum standard chart for co-ownerships (Royal Decree of 12 July 2012), as SPEC §3.1 lists it. The owner
/// sub-ledger is kept on 4100 (working fund) and 4101 (reserve fund), each line naming the owner.
/// </summary>
public static class StandardChart
{
    public const string WorkingFund = "100", ReserveFund = "160", ResultCarried = "140";
    public const string OwnersWorking = "4100", OwnersReserve = "4101", FormerOwners = "415", Suppliers = "440";
    public const string BankReserve = "550", BankCurrent = "551";
    public const string CallsReserve = "700", CallsWorking = "701", CallsExtraordinary = "702";

    public static readonly IReadOnlyList<string> Codes =
    [
        "100", "140", "160", "161",
        "4100", "4101", "411", "415", "440", "451", "490",
        "550", "551", "570", "580",
        "610", "611", "612", "613", "614", "615", "616", "620", "640", "650",
        "700", "701", "702", "740", "750", "756",
        "990",
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
        .Rule(Code is null || (Code.Trim().Length >= 3 && Code.Trim().All(char.IsAsciiDigit) && Code.Trim()[0] is >= '1' and <= '9' and not '8'),
            nameof(Code), "error.account_code")
        .Required(Label, nameof(Label), Account.LabelMax);
}
