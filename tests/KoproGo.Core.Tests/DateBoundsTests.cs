using KoproGo.Core.Common;
using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Budgets;
using KoproGo.Core.Features.Calls;
using KoproGo.Core.Features.Notices;

namespace KoproGo.Core.Tests;

/// <summary>Dates typed as 0001-01-01 or 9999-12-31: a message on the field, never ±infinity in the database nor an overflow.</summary>
public class DateBoundsTests
{
    public static TheoryData<DateOnly> Implausible => [DateOnly.MinValue.AddDays(1), new DateOnly(1899, 12, 31), new DateOnly(2200, 1, 1), DateOnly.MaxValue];

    private static void OutOfRange(Validation v, string field) =>
        Assert.Contains(v.Errors, e => e.Code == "error.date_out_of_range" && e.Field == field);

    [Theory, MemberData(nameof(Implausible))]
    public void InvoiceCallPaymentEntryBudget_ImplausibleDate_Refused(DateOnly day)
    {
        OutOfRange(new InvoiceInput { InvoiceDate = day, DueDate = day }.Validate(), nameof(InvoiceInput.InvoiceDate));
        var call = new CallInput { Title = "T", CallDate = day, DueDate = day, Ordinary = 10m }.Validate();
        OutOfRange(call, nameof(CallInput.CallDate));
        OutOfRange(call, nameof(CallInput.DueDate));
        OutOfRange(new PaymentInput { OwnerId = Guid.NewGuid(), Date = day, Amount = 1m }.Validate(), nameof(PaymentInput.Date));
        OutOfRange(JournalPoster.Shape(new EntryDraft { Date = day, Description = "x" }), nameof(EntryDraft.Date));
        OutOfRange(new BudgetVoteInput { AssemblyDate = day, Reference = "PV" }.Validate(new DateOnly(2026, 11, 25)), nameof(BudgetVoteInput.AssemblyDate));
    }

    [Fact]
    public void EmptyDate_IsRequired_NotAYearWithoutBooks()
    {
        // an empty entry date arrives as 0001-01-01: "required", not "no open year contains 1/01/0001"
        Assert.Contains(JournalPoster.Shape(new EntryDraft { Description = "x" }).Errors, e => e.Code == Errors.Required && e.Field == nameof(EntryDraft.Date));
    }

    [Fact]
    public void Notice_FarEventInstant_Refused()
    {
        var far = new DateTimeOffset(9999, 12, 31, 12, 0, 0, TimeSpan.Zero);
        OutOfRange(new NoticeInput { Title = "Fête", Body = "b", Category = NoticeCategory.Event, EventAt = far, ExpiresAt = far }.Validate(DateTimeOffset.UnixEpoch), nameof(NoticeInput.EventAt));
    }

    [Fact]
    public void EndOfDay_OfTheLastDay_DoesNotOverflow() =>
        Assert.Equal(new DateTimeOffset(9999, 12, 31, 22, 59, 59, TimeSpan.Zero), BusinessTime.EndOfDayUtc(DateOnly.MaxValue));
}
