using KoproGo.Core.Features.Documents;

namespace KoproGo.Core.Features.Calls;

/// <summary>The call-for-funds letter of one owner, in their language, with the amounts per fund and the EPC QR code.</summary>
public static class CallLetter
{
    public static byte[] Render(Organisation organisation, Building building, CallForFunds call, CallLine line, Owner owner, DateTimeOffset now)
    {
        var c = Texts.Culture(owner.PreferredLanguage);
        string T(string key, params object?[] args) => Texts.Get(key, c, args);
        using var pdf = new LetterheadDocument(Letterhead.For(organisation, building), T("pdf.call.title", call.Title), c, now);
        Addressee(pdf, owner);
        pdf.Text(T("pdf.call.lots", line.Lots), pdf.Body);
        pdf.Text(T("pdf.call.dates", call.CallDate.ToString("d", c), call.DueDate.ToString("d", c)), pdf.Body, 20);
        double[] widths = [0.7, 0.3];
        var right = new HashSet<int> { 1 };
        pdf.Row([T("report.col.label"), T("report.col.amount")], widths, pdf.Bold, shaded: true, rightAligned: right);
        if (line.Ordinary > 0) pdf.Row([T("pdf.call.ordinary"), line.Ordinary.ToString("N2", c) + " €"], widths, pdf.Body, rightAligned: right);
        if (line.Extraordinary > 0) pdf.Row([T("pdf.call.extraordinary"), line.Extraordinary.ToString("N2", c) + " €"], widths, pdf.Body, rightAligned: right);
        if (line.Reserve > 0) pdf.Row([T("pdf.call.reserve"), line.Reserve.ToString("N2", c) + " €"], widths, pdf.Body, rightAligned: right);
        pdf.Row([T("report.total"), line.Total.ToString("N2", c) + " €"], widths, pdf.Bold, shaded: true, rightAligned: right);
        pdf.Space(14);
        HowToPay(pdf, c, building, PaymentInstructions.For(building, line, openOnly: false), 110);
        return pdf.Save();
    }

    /// <summary>The owner's name and postal address at the top of a letter.</summary>
    internal static void Addressee(LetterheadDocument pdf, Owner owner)
    {
        pdf.Text(owner.DisplayName, pdf.Bold);
        if (owner.PostalAddress is not null)
            foreach (var part in owner.PostalAddress.Split('\n'))
                pdf.Text(part.Trim(), pdf.Body);
        pdf.Space(10);
    }

    /// <summary>
    /// Per transfer to make (working fund, reserve fund): amount, account and its holder, structured communication, and the
    /// EPC QR code that fills the transfer in a banking app.
    /// </summary>
    internal static void HowToPay(LetterheadDocument pdf, CultureInfo c, Building building, IReadOnlyList<PaymentPart> parts, double qrSize)
    {
        foreach (var part in parts)
        {
            pdf.Need(qrSize + 70);
            if (parts.Count > 1)
                pdf.Text(Texts.Get("enum.Fund." + part.Fund, c), pdf.Bold);
            pdf.Text(Texts.Get("pdf.call.pay", c, part.Amount.ToString("N2", c), BelgianIdentifiers.FormatIban(part.Iban), part.Holder), pdf.Body);
            if (building.EnterpriseNumber is { } bce)
                pdf.Text(Texts.Get("pdf.call.enterprise", c, bce), pdf.Small);
            pdf.Text(Texts.Get("pdf.call.communication", c, part.Communication), pdf.Bold, 20);
            pdf.QrCode(QrCodes.Modules(part.QrPayload), qrSize);
            pdf.Text(Texts.Get("pdf.call.scan", c), pdf.Small);
            pdf.Space(10);
        }
    }
}
