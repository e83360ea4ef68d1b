using System.Globalization;
using KoproGo.Core.Common;
using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Documents;
using KoproGo.Core.Features.Organisations;
using KoproGo.Core.Features.Owners;

namespace KoproGo.Core.Features.Calls;

/// <summary>A reminder letter (friendly, formal, formal notice) in the owner's language, with how to pay.</summary>
public static class ReminderLetter
{
    public static byte[] Render(Organisation organisation, Building building, CallForFunds call, CallLine line, Owner owner, Reminder reminder, DateTimeOffset now)
    {
        var c = CultureInfo.GetCultureInfo(owner.PreferredLanguage is "fr-BE" or "nl-BE" or "en-BE" ? owner.PreferredLanguage : "fr-BE");
        string T(string key, params object?[] args) => Texts.Get(key, c, args);
        using var pdf = new LetterheadDocument(
            new Letterhead(organisation.Name, string.Join(" · ", new[] { organisation.ContactEmail, organisation.Phone }.Where(s => !string.IsNullOrEmpty(s))),
                building.Name, $"{building.Street}, {building.PostalCode} {building.City}"),
            T("enum.ReminderLevel." + reminder.Level), c, now);
        pdf.Text(owner.DisplayName, pdf.Bold);
        if (owner.PostalAddress is not null)
            foreach (var part in owner.PostalAddress.Split('\n'))
                pdf.Text(part.Trim(), pdf.Body);
        pdf.Space(10);
        pdf.Text(T("pdf.reminder.intro", call.Title, call.DueDate.ToString("d", c), reminder.DaysOverdue), pdf.Body, 20);
        double[] widths = [0.7, 0.3];
        var right = new HashSet<int> { 1 };
        pdf.Row([T("pdf.reminder.open"), reminder.Open.ToString("N2", c) + " €"], widths, pdf.Bold, shaded: true, rightAligned: right);
        pdf.Space(6);
        // interest and fees are what the co-ownership may claim on top; the transfer below pays the call itself
        pdf.Text(T("pdf.reminder.extras", reminder.Interest.ToString("N2", c), reminder.Fee.ToString("N2", c)), pdf.Small, 16);
        pdf.Space(8);
        if (reminder.Level == ReminderLevel.FormalNotice)
            pdf.Text(T("pdf.reminder.notice"), pdf.Bold, 20);
        var iban = building.WorkingFundIban;
        if (iban is not null)
        {
            pdf.Text(T("pdf.call.pay", reminder.Open.ToString("N2", c), BelgianIdentifiers.FormatIban(iban), building.Name), pdf.Body);
            pdf.Text(T("pdf.call.communication", line.StructuredCommunication), pdf.Bold, 20);
            pdf.QrCode(QrCodes.Modules(EpcQr.Payload(building.Name, iban, reminder.Open, line.StructuredCommunication)), 110);
            pdf.Text(T("pdf.call.scan"), pdf.Small);
        }
        return pdf.Save();
    }
}
