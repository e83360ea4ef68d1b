using KoproGo.Core.Features.Documents;

namespace KoproGo.Core.Features.Calls;

/// <summary>A reminder letter (friendly, formal, formal notice) in the owner's language, with how to pay.</summary>
public static class ReminderLetter
{
    public static byte[] Render(Organisation organisation, Building building, CallForFunds call, CallLine line, Owner owner, Reminder reminder, DateTimeOffset now)
    {
        var c = Texts.Culture(owner.PreferredLanguage);
        string T(string key, params object?[] args) => Texts.Get(key, c, args);
        using var pdf = new LetterheadDocument(Letterhead.For(organisation, building), T("enum.ReminderLevel." + reminder.Level), c, now);
        CallLetter.Addressee(pdf, owner);
        pdf.Text(T("pdf.reminder.intro", call.Title, call.DueDate.ToString("d", c), reminder.DaysOverdue), pdf.Body, 20);
        pdf.Row([T("pdf.reminder.open"), reminder.Open.ToString("N2", c) + " €"], [0.7, 0.3], pdf.Bold, shaded: true, rightAligned: new HashSet<int> { 1 });
        pdf.Space(6);
        // interest and fees are what the co-ownership may claim on top; the transfer below pays the call itself
        pdf.Text(T("pdf.reminder.extras", reminder.Interest.ToString("N2", c), reminder.Fee.ToString("N2", c)), pdf.Small, 16);
        pdf.Space(8);
        if (reminder.Level == ReminderLevel.FormalNotice)
            pdf.Text(T("pdf.reminder.notice"), pdf.Bold, 20);
        CallLetter.HowToPay(pdf, c, building, PaymentInstructions.For(building, line, openOnly: true), 100);
        return pdf.Save();
    }
}
