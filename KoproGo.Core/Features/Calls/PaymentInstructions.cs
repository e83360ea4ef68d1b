namespace KoproGo.Core.Features.Calls;

/// <summary>One transfer an owner has to make: how much, to which account of the association, with which communication.</summary>
public sealed record PaymentPart(Fund Fund, decimal Amount, string Iban, string Holder, string Communication)
{
    /// <summary>The EPC QR payload banking apps scan (beneficiary = the account holder, checked by Verification of Payee).</summary>
    public string QrPayload => EpcQr.Payload(Holder, Iban, Amount, Communication);
}

/// <summary>
/// How to pay a call line: the working-fund part to the working account with the line's communication, the reserve part
/// to the reserve account with its own (Civil Code Art. 3.86 §3: the reserve fund has its own account). Lines sent before
/// the reserve part had its own communication are paid in one transfer to the working account, as they were issued.
/// </summary>
public static class PaymentInstructions
{
    public static IReadOnlyList<PaymentPart> For(Building building, CallLine line, bool openOnly)
    {
        if (building.WorkingFundIban is not { } working)
            return [];
        decimal Amount(Fund fund) => openOnly ? line.OpenOf(fund) : fund == Fund.Reserve ? line.Reserve : line.Ordinary + line.Extraordinary;
        if (line.ReserveCommunication is null || building.ReserveFundIban is not { } reserve)
        {
            var total = Amount(Fund.Working) + Amount(Fund.Reserve);
            return total > 0 ? [new PaymentPart(Fund.Working, total, working, building.HolderOf(Fund.Working), line.StructuredCommunication)] : [];
        }
        var parts = new List<PaymentPart>();
        if (Amount(Fund.Working) > 0)
            parts.Add(new PaymentPart(Fund.Working, Amount(Fund.Working), working, building.HolderOf(Fund.Working), line.StructuredCommunication));
        if (Amount(Fund.Reserve) > 0)
            parts.Add(new PaymentPart(Fund.Reserve, Amount(Fund.Reserve), reserve, building.HolderOf(Fund.Reserve), line.ReserveCommunication));
        return parts;
    }

    /// <summary>The parts as lines of a mail: "– 1 234,56 € to BE.. (ACP …), communication +++…+++".</summary>
    public static string AsText(IReadOnlyList<PaymentPart> parts, System.Globalization.CultureInfo c) =>
        string.Join("\n", parts.Select(p => Texts.Get("mail.call.part", c, Texts.Get("enum.Fund." + p.Fund, c), p.Amount.ToString("N2", c),
            BelgianIdentifiers.FormatIban(p.Iban), p.Holder, p.Communication)));
}
