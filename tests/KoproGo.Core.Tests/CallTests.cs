using KoproGo.Core.Common;
using KoproGo.Core.Features.Calls;
using KoproGo.Core.Features.Owners;

namespace KoproGo.Core.Tests;

public class CallTests
{
    [Theory]
    [InlineData(1234567890L, "+++123/4567/89002+++")]    // 1234567890 mod 97 = 2
    [InlineData(0L, "+++000/0000/00097+++")]             // remainder 0 → 97
    [InlineData(97L, "+++000/0000/09797+++")]
    [InlineData(1000001L, "+++000/1000/00128+++")]      // 1000001 mod 97 = 28
    public void StructuredCommunication_HasTheMod97Check(long number, string expected)
    {
        Assert.Equal(expected, StructuredCommunication.FromNumber(number));
        Assert.True(StructuredCommunication.IsValid(expected));
    }

    [Theory]
    [InlineData("+++123/4567/89002+++", true)]
    [InlineData("***123/4567/89002***", true)]
    [InlineData("123456789002", true)]
    [InlineData("+++123/4567/89003+++", false)]
    [InlineData("+++123/4567/8900+++", false)]
    [InlineData("+++12A/4567/89002+++", false)]
    [InlineData("", false)]
    public void StructuredCommunication_Validates(string value, bool valid) => Assert.Equal(valid, StructuredCommunication.IsValid(value));

    [Fact]
    public void StructuredCommunication_Property_EveryNumberMakesAValidOne()
    {
        var random = new Random(97);
        for (var i = 0; i < 10_000; i++)
        {
            var n = (long)(random.NextDouble() * 9_999_999_999);
            var ogm = StructuredCommunication.FromNumber(n);
            Assert.Equal(20, ogm.Length);
            Assert.Equal($"{n:D10}", StructuredCommunication.Digits(ogm)![..10]);
        }
    }

    [Fact]
    public void EpcPayload_HasTheFieldsBankingAppsRead()
    {
        var lines = EpcQr.Payload("Résidence Horta", "BE68 5390 0754 7034", 1500m, "+++123/4567/89002+++").Split('\n');
        Assert.Equal(["BCD", "002", "1", "SCT", "", "Résidence Horta", "BE68539007547034", "EUR1500.00", "", "123456789002"], lines);
        Assert.Throws<ArgumentOutOfRangeException>(() => EpcQr.Payload("x", "BE68539007547034", 0m, "+++123/4567/89002+++"));
        Assert.NotEmpty(EpcQr.Png(string.Join('\n', lines)));
    }

    private static LotHolding Lot(string number, int shares, params (Guid Owner, OwnershipKind Kind, decimal Pct)[] rights) =>
        new(Guid.NewGuid(), number, shares, rights.Select(r => (r.Owner, r.Kind, r.Pct)).ToList());

    [Fact]
    public void Allocation_FollowsTheSpecExample_AndTheSplitLotRule()
    {
        Guid a = Guid.NewGuid(), u = Guid.NewGuid(), n = Guid.NewGuid(), rest = Guid.NewGuid();
        var lots = new[]
        {
            Lot("A1", 100, (a, OwnershipKind.Full, 100m)),
            Lot("A2", 200, (u, OwnershipKind.Usufruct, 100m), (n, OwnershipKind.BareOwnership, 100m)),
            Lot("A3", 700, (rest, OwnershipKind.Full, 100m)),
        };
        var shares = CallAllocation.Compute(lots, 1000, 10_000m, 5_000m, 1_000m)!;
        var owner = shares.Single(s => s.OwnerId == a);
        Assert.Equal(1_500m, owner.Ordinary + owner.Extraordinary);         // 10,000 + 5,000 on 100/1,000
        Assert.Equal(2_000m, shares.Single(s => s.OwnerId == u).Total);     // ordinary only
        Assert.Equal(1_000m + 200m, shares.Single(s => s.OwnerId == n).Total);  // extraordinary + reserve
        Assert.Equal(16_000m, shares.Sum(s => s.Total));
        Assert.Equal("A1 (100/1000)", owner.Lots);
    }

    [Fact]
    public void Allocation_Property_SumsAreExact_AndEveryOwnerWithinACent()
    {
        var random = new Random(1500);
        for (var run = 0; run < 300; run++)
        {
            var owners = Enumerable.Range(0, random.Next(1, 30)).Select(_ => Guid.NewGuid()).ToList();
            var lots = Enumerable.Range(0, random.Next(1, 60)).Select(i =>
            {
                var first = owners[random.Next(owners.Count)];
                var second = owners[random.Next(owners.Count)];
                var pct = random.Next(1, 100);
                return first == second
                    ? Lot($"L{i}", random.Next(1, 500), (first, OwnershipKind.Full, 100m))
                    : Lot($"L{i}", random.Next(1, 500), (first, OwnershipKind.Full, pct), (second, OwnershipKind.Full, 100m - pct));
            }).ToList();
            var total = lots.Sum(l => l.Shares);
            var ordinary = random.Next(1, 5_000_000) / 100m;
            var shares = CallAllocation.Compute(lots, total, ordinary, 0m, 0m)!;
            Assert.Equal(ordinary, shares.Sum(s => s.Total));
            foreach (var s in shares)
            {
                var exact = lots.Sum(l => l.Rights.Where(r => r.OwnerId == s.OwnerId).Sum(r => ordinary * l.Shares / total * r.Percentage / 100m));
                Assert.True(Math.Abs(s.Total - exact) < 0.01m, $"run {run}: {s.Total} vs {exact}");
            }
        }
    }
}

public class ArrearsTests
{
    private static readonly Dictionary<int, decimal> Rates = new() { [2025] = 4.5m, [2026] = 4.5m };

    [Theory]
    [InlineData(14, null)]
    [InlineData(15, KoproGo.Core.Features.Calls.ReminderLevel.FirstReminder)]
    [InlineData(29, KoproGo.Core.Features.Calls.ReminderLevel.FirstReminder)]
    [InlineData(30, KoproGo.Core.Features.Calls.ReminderLevel.SecondReminder)]
    [InlineData(60, KoproGo.Core.Features.Calls.ReminderLevel.FormalNotice)]
    [InlineData(400, KoproGo.Core.Features.Calls.ReminderLevel.FormalNotice)]
    public void Thresholds(int days, KoproGo.Core.Features.Calls.ReminderLevel? level) => Assert.Equal(level, ArrearsRules.LevelFor(days));

    private static decimal Interest(decimal amount, DateOnly from, DateOnly until, IReadOnlyDictionary<int, decimal> rates, params (DateOnly, decimal)[] payments) =>
        ArrearsRules.Interest(amount, from, payments, until, rates).Amount;

    [Fact]
    public void Interest_IsAmountTimesRateTimesDaysOver365()
    {
        Assert.Equal(45.00m, Interest(1_000m, new DateOnly(2025, 1, 1), new DateOnly(2026, 1, 1), Rates));       // 365 days at 4.5 %
        Assert.Equal(3.70m, Interest(1_000m, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), Rates));        // 30 days: 3.6986
        Assert.Equal(0m, Interest(1_000m, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 1), Rates));
        // across two years with different rates, day by day
        var mixed = new Dictionary<int, decimal> { [2025] = 4.5m, [2026] = 3.65m };
        Assert.Equal(Money.Cents(1_000m * 0.045m * 1 / 365m + 1_000m * 0.0365m * 10 / 365m), Interest(1_000m, new DateOnly(2025, 12, 30), new DateOnly(2026, 1, 10), mixed));
    }

    [Fact]
    public void Interest_1000DueFirstMarch_400PaidFirstJune_OpenToNewYearsEve_Is27_10()
    {
        // 1,000 × 4.5 % × 92 / 365 (1 March → 1 June) + 600 × 4.5 % × 213 / 365 (1 June → 31 December) = 11.342 + 15.756
        Assert.Equal(27.10m, Interest(1_000m, new DateOnly(2026, 3, 1), new DateOnly(2026, 12, 31), Rates, (new DateOnly(2026, 6, 1), 400m)));
    }

    [Fact]
    public void Interest_PaymentsBeforeTheStart_LowerTheBase_AndAFullPaymentStopsIt()
    {
        Assert.Equal(Interest(600m, new DateOnly(2026, 3, 1), new DateOnly(2026, 12, 31), Rates),
            Interest(1_000m, new DateOnly(2026, 3, 1), new DateOnly(2026, 12, 31), Rates, (new DateOnly(2026, 2, 1), 400m)));
        Assert.Equal(Interest(1_000m, new DateOnly(2026, 3, 1), new DateOnly(2026, 6, 1), Rates),
            Interest(1_000m, new DateOnly(2026, 3, 1), new DateOnly(2026, 12, 31), Rates, (new DateOnly(2026, 6, 1), 1_000m)));
    }

    [Fact]
    public void Interest_AYearWithoutARate_IsNeverGuessed()
    {
        var result = ArrearsRules.Interest(1_000m, new DateOnly(2026, 12, 1), [], new DateOnly(2027, 2, 1), Rates);
        Assert.Equal([2027], result.MissingYears);
        Assert.True(result.Blocked);
        Assert.Equal(Money.Cents(1_000m * 0.045m * 30 / 365m), result.Amount);       // December only
    }

    [Fact]
    public void InterestStart_WithoutAClause_IsTheFormalNotice()
    {
        var due = new DateOnly(2026, 3, 1);
        Assert.Null(ArrearsRules.InterestStart(KoproGo.Core.Features.Buildings.InterestStart.FormalNotice, due, null));
        Assert.Equal(new DateOnly(2026, 5, 2), ArrearsRules.InterestStart(KoproGo.Core.Features.Buildings.InterestStart.FormalNotice, due, new DateOnly(2026, 5, 2)));
        Assert.Equal(due, ArrearsRules.InterestStart(KoproGo.Core.Features.Buildings.InterestStart.DueDate, due, null));
    }
}
