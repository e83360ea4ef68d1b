
namespace KoproGo.Core.Features.Calls;

/// <summary>
/// The EPC QR code of a SEPA credit transfer (EPC069-12, version 002): banking apps scan it and fill the transfer.
/// The Belgian structured communication goes, as its 12 digits, into the structured-reference field, as Febelfin
/// recommends, so the payment arrives with the OGM the reconciliation matches on. The beneficiary is the account
/// holder's name as the bank knows it (Verification of Payee). Character set 1 (UTF-8), and the code is encoded in
/// UTF-8 (see <see cref="QrCodes"/>); the last element is not followed by a line feed (EPC069-12 §7).
/// </summary>
public static class EpcQr
{
    public static string Payload(string beneficiary, string iban, decimal amount, string structuredCommunication, string? bic = null)
    {
        if (amount is < 0.01m or > 999_999_999.99m)
            throw new ArgumentOutOfRangeException(nameof(amount));
        var name = beneficiary.Length > 70 ? beneficiary[..70] : beneficiary;
        var reference = StructuredCommunication.Digits(structuredCommunication) ?? throw new ArgumentException("Not a structured communication.", nameof(structuredCommunication));
        return string.Join('\n',
            "BCD", "002", "1", "SCT",
            bic ?? "",
            name,
            iban.Replace(" ", "", StringComparison.Ordinal),
            "EUR" + amount.ToString("0.00", CultureInfo.InvariantCulture),
            "",              // purpose
            reference);      // structured remittance information; the unstructured one and the note are left out
    }

    public static byte[] Png(string payload) => QrCodes.Png(payload, 5);
}
