using KoproGo.Core.Common;
using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Bookings;
using KoproGo.Core.Features.Budgets;
using KoproGo.Core.Features.Calls;
using KoproGo.Core.Features.Library;
using KoproGo.Core.Features.Notices;
using KoproGo.Core.Features.Owners;
using KoproGo.Core.Features.Skills;

namespace KoproGo.Core.Tests;

/// <summary>
/// Huge amounts typed into a form (the largest decimal, 1e20): a message on the field, never an overflow — in the
/// validation, in the totals a form shows while typing, or in the database (numeric(12,2)).
/// </summary>
public class AmountBoundsTests
{
    public static TheoryData<decimal> Huge => [decimal.MaxValue, decimal.MinValue, 1e20m, Money.Max + 0.01m];

    private static void TooLarge(Validation v, string field) =>
        Assert.Contains(v.Errors, e => e.Code == "error.amount_too_large" && e.Field == field);

    [Fact]
    public void Max_IsAccepted_AndSumsOfAHundredLinesFitTheDatabase()
    {
        Assert.True(Money.InRange(Money.Max));
        Assert.True(Money.SafeSum(Enumerable.Repeat(Money.Max, 100)) < 10_000_000_000m);    // numeric(12,2)
        Assert.Null(Money.SafeSum([1m, decimal.MaxValue, decimal.MaxValue]));
    }

    [Theory, MemberData(nameof(Huge))]
    public void CallAndPayment_HugeAmount_RefusedOnTheField(decimal huge)
    {
        var call = new CallInput { Title = "T", Period = CallPeriod.Quarterly, CallDate = new DateOnly(2026, 1, 1), DueDate = new DateOnly(2026, 1, 31), Ordinary = huge, Reserve = huge };
        var v = call.Validate();
        TooLarge(v, nameof(CallInput.Ordinary));
        TooLarge(v, nameof(CallInput.Reserve));
        TooLarge(new PaymentInput { OwnerId = Guid.NewGuid(), Date = new DateOnly(2026, 1, 1), Amount = huge }.Validate(), nameof(PaymentInput.Amount));
    }

    [Theory, MemberData(nameof(Huge))]
    public void JournalEntry_HugeDebitsOnTwoLines_RefusedWithoutOverflow(decimal huge)
    {
        var draft = new EntryDraft { Description = "x", Journal = Journal.OD, Lines = [new() { AccountId = Guid.NewGuid(), Debit = Math.Abs(huge) }, new() { AccountId = Guid.NewGuid(), Debit = Math.Abs(huge) }] };
        TooLarge(JournalPoster.Shape(draft), "Lines[0].Amount");
    }

    [Theory, MemberData(nameof(Huge))]
    public void SupplierInvoice_HugeLine_HasNoVatWhileTyping_AndIsRefused(decimal huge)
    {
        var input = new InvoiceInput
        {
            SupplierId = Guid.NewGuid(),
            Number = "F1",
            InvoiceDate = new DateOnly(2026, 1, 1),
            DeclaredTotal = huge,
            Lines = [new() { Description = "a", AccountId = Guid.NewGuid(), AmountExclVat = huge }, new() { Description = "b", AccountId = Guid.NewGuid(), AmountExclVat = huge }],
        };
        Assert.Equal(0m, input.Lines[0].VatAmount);
        Assert.Null(Money.SafeSum(input.Lines.Select(l => l.AmountInclVat)));
        var v = input.Validate();
        TooLarge(v, "Lines[0].AmountExclVat");
        TooLarge(v, nameof(InvoiceInput.DeclaredTotal));
    }

    [Theory, MemberData(nameof(Huge))]
    public void Budget_HugeReserveAndLine_Refused(decimal huge)
    {
        var v = new BudgetInput { FiscalYearId = Guid.NewGuid(), Reserve = huge, Lines = [new() { AccountId = Guid.NewGuid(), Amount = huge }] }.Validate();
        TooLarge(v, nameof(BudgetInput.Reserve));
        TooLarge(v, nameof(BudgetInput.Lines));
    }

    [Theory, MemberData(nameof(Huge))]
    public void CommunityAmounts_Huge_Refused(decimal huge)
    {
        TooLarge(new ResourceInput { Name = "Salle", Deposit = huge, HourlyRate = huge }.Validate(), nameof(ResourceInput.Deposit));
        TooLarge(new SharedObjectInput { Name = "Échelle", Deposit = huge }.Validate(), nameof(SharedObjectInput.Deposit));
        TooLarge(new NoticeInput { Title = "Vélo", Body = "b", Category = NoticeCategory.ForSale, Price = huge }.Validate(DateTimeOffset.UnixEpoch), nameof(NoticeInput.Price));
        TooLarge(new SkillInput { Title = "Plomberie", HourlyRate = huge }.Validate(), nameof(SkillInput.HourlyRate));
    }

    [Fact]
    public void Ownership_TwoHugePercentages_RefusedWithoutOverflow()
    {
        var errors = OwnershipRules.Validate([
            new OwnershipLine { OwnerId = Guid.NewGuid(), Percentage = decimal.MaxValue, IsPrimaryContact = true },
            new OwnershipLine { OwnerId = Guid.NewGuid(), Percentage = decimal.MaxValue }]);
        Assert.Contains(errors, e => e.Code == "error.percentage_range");
    }
}
