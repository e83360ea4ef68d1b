
namespace KoproGo.Core.Features.Buildings;

public enum UnitType { Apartment, Parking, Cellar, Commercial, Other }

/// <summary>A lot (privative part) of a building with its share (quote-part) of the common parts.</summary>
public sealed class Unit
{
    public const int NumberMax = 20;

    private Unit() { }

    public Guid Id { get; private set; }
    public Guid BuildingId { get; private set; }
    public string Number { get; private set; } = "";
    public UnitType Type { get; private set; }
    public int? Floor { get; private set; }
    public decimal? Area { get; private set; }
    public int Shares { get; private set; }

    public static Unit Create(Guid buildingId, UnitInput input)
    {
        var u = new Unit { Id = Guid.CreateVersion7(), BuildingId = buildingId };
        u.Update(input);
        return u;
    }

    public void Update(UnitInput input)
    {
        Number = input.Number.Trim();
        Type = input.Type;
        Floor = input.Floor;
        Area = input.Area;
        Shares = input.Shares;
    }
}

public sealed class UnitInput
{
    public string Number { get; set; } = "";
    public UnitType Type { get; set; } = UnitType.Apartment;
    public int? Floor { get; set; }
    public decimal? Area { get; set; }
    public int Shares { get; set; }

    public Validation Validate() => new Validation()
        .Required(Number, nameof(Number), Unit.NumberMax)
        .Rule(Enum.IsDefined(Type), nameof(Type), Errors.Required)
        .Rule(Floor is null or >= -10 and <= 200, nameof(Floor), "error.floor")
        .Rule(Area is null or > 0 and < 100_000, nameof(Area), "error.area")
        .Rule(Shares > 0, nameof(Shares), "error.shares_positive")
        // no building has more (and a larger number would overflow the sum that checks the building's total)
        .Rule(Shares <= Building.MaxTotalShares, nameof(Shares), "error.number_range", 1, Building.MaxTotalShares);
}

/// <summary>The rule of the basic deed: the units' shares never exceed the building's total.</summary>
public static class ShareRules
{
    /// <summary>Shares still free in the building once <paramref name="allocated"/> are held by units.</summary>
    public static int Remaining(int totalShares, int allocated) => totalShares - allocated;

    /// <summary>Error when giving a unit <paramref name="newShares"/> (replacing <paramref name="oldShares"/>) would exceed the total.</summary>
    public static Error? CheckFits(int totalShares, int allocated, int oldShares, int newShares)
    {
        var after = allocated - oldShares + newShares;
        return after <= totalShares
            ? null
            : new Error("error.shares_exceed_total", [newShares, Remaining(totalShares, allocated - oldShares), totalShares], nameof(UnitInput.Shares));
    }
}
