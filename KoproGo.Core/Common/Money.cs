namespace KoproGo.Core.Common;

/// <summary>Euro amounts: rounded to the cent, half away from zero (the Belgian and banking habit), split without losing a cent.</summary>
public static class Money
{
    public static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    public static bool HasAtMostCents(decimal amount) => amount == Cents(amount);

    /// <summary>
    /// The largest amount one field may hold, 99,999,999.99 €: sums of lines stay inside the database's numeric(12,2)
    /// and the arithmetic of a form never overflows (the largest decimal typed into two lines used to end the page).
    /// </summary>
    public const decimal Max = 99_999_999.99m;

    public static bool InRange(decimal amount) => Math.Abs(amount) <= Max;

    public static bool InRange(decimal? amount) => amount is not { } a || InRange(a);

    /// <summary>A total shown while the user types: null while a term is out of range (its field says why).</summary>
    public static decimal? SafeSum(IEnumerable<decimal> amounts)
    {
        var total = 0m;
        foreach (var amount in amounts)
        {
            if (!InRange(amount))
                return null;
            total += amount;
        }
        return total;
    }

    /// <summary>
    /// Splits <paramref name="total"/> in proportion to <paramref name="weights"/>, to the cent, so that the parts add up
    /// exactly to the total (largest-remainder method: every part gets its floor in cents, the cents left go to the
    /// largest remainders, ties to the earlier weight). 333.00 over 40/35/25 → 133.20 / 116.55 / 83.25.
    /// </summary>
    public static decimal[] Distribute(decimal total, IReadOnlyList<decimal> weights)
    {
        if (weights.Count == 0)
            throw new ArgumentException("Nothing to distribute over.", nameof(weights));
        if (weights.Any(w => w < 0))
            throw new ArgumentException("Weights cannot be negative.", nameof(weights));
        var sum = weights.Sum();
        if (sum <= 0)
            throw new ArgumentException("The weights add up to zero.", nameof(weights));
        var totalCents = (long)(Cents(total) * 100m);
        var sign = Math.Sign(totalCents);
        var absolute = Math.Abs(totalCents);
        var exact = weights.Select(w => absolute * w / sum).ToArray();
        var cents = exact.Select(e => (long)Math.Floor(e)).ToArray();
        var left = absolute - cents.Sum();
        foreach (var i in Enumerable.Range(0, weights.Count).OrderByDescending(i => exact[i] - cents[i]).ThenBy(i => i).Take((int)left))
            cents[i]++;
        return cents.Select(c => sign * c / 100m).ToArray();
    }
}

/// <summary>Belgian VAT rates a co-ownership meets (0, 6, 12, 21 %); VAT is computed and rounded per line.</summary>
public static class Vat
{
    public static readonly IReadOnlyList<decimal> Rates = [0m, 6m, 12m, 21m];

    public static bool IsAllowed(decimal rate) => Rates.Contains(rate);

    public static decimal Amount(decimal amountExclVat, decimal rate) => Money.Cents(amountExclVat * rate / 100m);
}
