
namespace KoproGo.Core.Features.Owners;

/// <summary>
/// Full ownership, or one half of a dismembered right: the bare owner (nu-propriétaire / blote eigenaar) and the
/// usufructuary (usufruitier / vruchtgebruiker) each hold their own 100 % of the unit.
/// </summary>
public enum OwnershipKind { Full, BareOwnership, Usufruct }

/// <summary>
/// A period during which an owner holds a percentage of a unit. Active on a date d when Start ≤ d &lt; End
/// (End exclusive, null = open): a transfer on day T ends the old rows at T and starts the new ones at T.
/// </summary>
public sealed class Ownership
{
    private Ownership() { }

    public Guid Id { get; private set; }
    public Guid UnitId { get; private set; }
    public Guid OwnerId { get; private set; }
    public OwnershipKind Kind { get; private set; }
    /// <summary>Percentage of the unit, 0 &lt; p ≤ 100, four decimals (e.g. 33.3333).</summary>
    public decimal Percentage { get; private set; }
    public bool IsPrimaryContact { get; private set; }
    public DateOnly StartDate { get; private set; }
    public DateOnly? EndDate { get; private set; }

    public bool IsActiveOn(DateOnly date) => StartDate <= date && (EndDate is null || date < EndDate);

    public static Ownership Start(Guid unitId, OwnershipLine line, DateOnly start) => new()
    {
        Id = Guid.CreateVersion7(),
        UnitId = unitId,
        OwnerId = line.OwnerId,
        Kind = line.Kind,
        Percentage = line.Percentage,
        IsPrimaryContact = line.IsPrimaryContact,
        StartDate = start,
    };

    public void End(DateOnly end)
    {
        if (end <= StartDate)
            throw new BusinessRuleException(new Error("error.end_before_start", [StartDate]));
        EndDate = end;
    }

    public void SetPrimaryContact(bool value) => IsPrimaryContact = value;

    public bool SameRightAs(OwnershipLine line) => OwnerId == line.OwnerId && Kind == line.Kind && Percentage == line.Percentage;
}

/// <summary>One owner's line in the ownership editor or the transfer wizard.</summary>
public sealed class OwnershipLine
{
    public Guid OwnerId { get; set; }
    public OwnershipKind Kind { get; set; } = OwnershipKind.Full;
    public decimal Percentage { get; set; } = 100m;
    public bool IsPrimaryContact { get; set; }
}

/// <summary>The rules a set of simultaneous ownerships of one unit must satisfy (SPEC §1.1).</summary>
public static class OwnershipRules
{
    public const decimal Whole = 100m;

    /// <summary>
    /// Each percentage in (0, 100] with at most four decimals; each owner at most once per kind; exactly one primary
    /// contact; full ownerships add up to 100 %, or — when the right is split — no full ownership and both the bare
    /// ownerships and the usufructs add up to 100 % each.
    /// </summary>
    public static IReadOnlyList<Error> Validate(IReadOnlyList<OwnershipLine> lines)
    {
        var errors = new List<Error>();
        if (lines.Count == 0)
            return [new Error("error.ownership_empty")];

        for (var i = 0; i < lines.Count; i++)
        {
            var l = lines[i];
            if (l.OwnerId == Guid.Empty)
                errors.Add(new Error(Errors.Required, [], $"Lines[{i}].OwnerId"));
            if (l.Percentage <= 0 || l.Percentage > Whole || decimal.Round(l.Percentage, 4) != l.Percentage)
                errors.Add(new Error("error.percentage_range", [], $"Lines[{i}].Percentage"));
            if (!Enum.IsDefined(l.Kind))
                errors.Add(new Error(Errors.Required, [], $"Lines[{i}].Kind"));
        }
        if (lines.GroupBy(l => (l.OwnerId, l.Kind)).Any(g => g.Count() > 1))
            errors.Add(new Error("error.ownership_duplicate_owner"));
        if (lines.Count(l => l.IsPrimaryContact) != 1)
            errors.Add(new Error("error.ownership_one_primary"));
        if (errors.Any(e => e.Code == "error.percentage_range"))
            return errors;      // the sums below would mean nothing, and could overflow

        var full = Sum(lines, OwnershipKind.Full);
        var bare = Sum(lines, OwnershipKind.BareOwnership);
        var usufruct = Sum(lines, OwnershipKind.Usufruct);
        var split = lines.Any(l => l.Kind != OwnershipKind.Full);
        if (!split && full != Whole)
            errors.Add(new Error("error.ownership_sum", [full]));
        if (split)
        {
            if (lines.Any(l => l.Kind == OwnershipKind.Full))
                errors.Add(new Error("error.ownership_mixed"));
            else if (bare != Whole || usufruct != Whole)
                errors.Add(new Error("error.ownership_split_sum", [bare, usufruct]));
        }
        return errors;
    }

    private static decimal Sum(IEnumerable<OwnershipLine> lines, OwnershipKind kind) =>
        lines.Where(l => l.Kind == kind).Sum(l => l.Percentage);

    /// <summary>
    /// A change or transfer takes effect on <paramref name="effective"/>: it may not be earlier than the start of any
    /// ownership it ends, otherwise history would overlap. A transfer must come strictly after (a same-day edit is a
    /// correction of the current rows, which only the ownership editor does).
    /// </summary>
    public static Error? CheckEffectiveDate(IEnumerable<Ownership> ending, DateOnly effective, bool isTransfer)
    {
        var latest = ending.Select(o => (DateOnly?)o.StartDate).Max();
        return latest is not null && (effective < latest || (isTransfer && effective == latest))
            ? new Error("error.transfer_before_start", [latest.Value], "EffectiveDate")
            : null;
    }
}
