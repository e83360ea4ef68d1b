using KoproGo.Core.Common;

namespace KoproGo.Core.Tests;

public class MoneyTests
{
    [Theory]
    [InlineData("1000.00", "21", "210.00")]
    [InlineData("5000.00", "6", "300.00")]
    [InlineData("19.99", "21", "4.20")]      // 4.1979 → 4.20
    [InlineData("0.05", "21", "0.01")]       // 0.0105 → 0.01
    [InlineData("0.50", "21", "0.11")]       // 0.105 → 0.11 (half away from zero)
    [InlineData("1234.56", "12", "148.15")]
    [InlineData("80.00", "0", "0.00")]
    public void Vat_IsRoundedToTheCent_PerLine(string excl, string rate, string vat)
    {
        Assert.Equal(decimal.Parse(vat, System.Globalization.CultureInfo.InvariantCulture),
            Vat.Amount(decimal.Parse(excl, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Vat_Rates_AreTheBelgianOnes()
    {
        Assert.True(Vat.IsAllowed(21m) && Vat.IsAllowed(12m) && Vat.IsAllowed(6m) && Vat.IsAllowed(0m));
        Assert.False(Vat.IsAllowed(20m));
        Assert.False(Vat.IsAllowed(5.5m));
    }

    [Fact]
    public void Distribute_333_Over_40_35_25()
    {
        Assert.Equal([133.20m, 116.55m, 83.25m], Money.Distribute(333.00m, [40m, 35m, 25m]));
    }

    [Fact]
    public void Distribute_GivesTheLeftoverCentsToTheLargestRemainders()
    {
        Assert.Equal([33.34m, 33.33m, 33.33m], Money.Distribute(100m, [1m, 1m, 1m]));
        Assert.Equal([0.01m, 0m, 0m], Money.Distribute(0.01m, [1m, 1m, 1m]));
        Assert.Equal([-33.34m, -33.33m, -33.33m], Money.Distribute(-100m, [1m, 1m, 1m]));
        // 10,000 € over a unit of 100/1,000 shares: 1,000 €
        Assert.Equal(1000m, Money.Distribute(10_000m, [100m, 900m])[0]);
    }

    [Fact]
    public void Distribute_RefusesNoWeights()
    {
        Assert.Throws<ArgumentException>(() => Money.Distribute(10m, []));
        Assert.Throws<ArgumentException>(() => Money.Distribute(10m, [0m, 0m]));
        Assert.Throws<ArgumentException>(() => Money.Distribute(10m, [1m, -1m]));
    }

    /// <summary>Property: for random totals and weights, the parts add up to the total, each within a cent of its exact share.</summary>
    [Fact]
    public void Distribute_Property_PartsAddUpExactly()
    {
        var random = new Random(20261125);
        for (var run = 0; run < 5_000; run++)
        {
            var total = random.Next(-1_000_000, 10_000_000) / 100m;
            var weights = Enumerable.Range(0, random.Next(1, 40)).Select(_ => (decimal)random.Next(0, 10_000)).ToArray();
            if (weights.Sum() == 0)
                weights[0] = 1;
            var parts = Money.Distribute(total, weights);
            Assert.Equal(total, parts.Sum());
            var sum = weights.Sum();
            for (var i = 0; i < parts.Length; i++)
            {
                Assert.Equal(parts[i], Money.Cents(parts[i]));
                Assert.True(Math.Abs(parts[i] - (total * weights[i] / sum)) < 0.01m, $"part {i} of run {run}");
            }
        }
    }
}
