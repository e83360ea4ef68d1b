using KoproGo.Core.Features.Buildings;

namespace KoproGo.Core.Features.Inspections;

/// <summary>The periodic technical inspections of SPEC §6.2; Water, Structural and Other are recorded when they happen, without a rule.</summary>
public enum InspectionType { Electrical, Lift, LiftRiskAnalysis, Heating, FuelTank, FireSafety, Epc, Asbestos, Gas, Water, Structural, Other }

/// <summary>The building's equipment that brings inspections with it (SPEC §6.2: "the equipment list drives which inspections apply").</summary>
public enum EquipmentKind { Lift, Boiler, FuelTank, FireEquipment }

public enum BoilerFuel { Oil, Gas }

public enum TankPlacement { Underground, AboveGround }

/// <summary>Who may carry out an inspection, as the rule says.</summary>
public enum InspectorKind { ApprovedBody, CertifiedTechnician, CompetentPerson, EnergyAssessor, AsbestosExpert }

public enum InspectionStatus { Scheduled, InProgress, Passed, Failed, Cancelled }

/// <summary>Where an obligation stands today: done and valid, expiring within 90 days, expired, or never inspected.</summary>
public enum DueState { Valid, Upcoming, Expired, Missing }

/// <summary>An installation of the building's common parts (a lift, a boiler, a fuel tank, the fire equipment).</summary>
public sealed class Equipment
{
    public const int NameMax = 120, MaxPowerKw = 100_000, MaxTankLitres = 1_000_000;

    private Equipment() { }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid BuildingId { get; private set; }
    public EquipmentKind Kind { get; private set; }
    public string Name { get; private set; } = "";
    public BoilerFuel? Fuel { get; private set; }
    public int? PowerKw { get; private set; }
    /// <summary>A lift under a certified maintenance contract is inspected every 6 months instead of every 3.</summary>
    public bool CertifiedMaintenance { get; private set; }
    public int? TankLitres { get; private set; }
    public TankPlacement? Placement { get; private set; }
    public DateOnly? InstalledOn { get; private set; }
    /// <summary>Taken out of service: its inspections are history and alert nobody.</summary>
    public DateOnly? RetiredOn { get; private set; }

    public static Equipment Add(Building building, EquipmentInput input)
    {
        var e = new Equipment { Id = Guid.CreateVersion7(), OrganisationId = building.OrganisationId, BuildingId = building.Id };
        e.Update(input);
        return e;
    }

    public void Update(EquipmentInput input)
    {
        Kind = input.Kind;
        Name = input.Name!.Trim();
        // the details only mean something for their kind: a lift has no fuel
        Fuel = Kind == EquipmentKind.Boiler ? input.Fuel : null;
        PowerKw = Kind == EquipmentKind.Boiler ? input.PowerKw : null;
        CertifiedMaintenance = Kind == EquipmentKind.Lift && input.CertifiedMaintenance;
        TankLitres = Kind == EquipmentKind.FuelTank ? input.TankLitres : null;
        Placement = Kind == EquipmentKind.FuelTank ? input.Placement : null;
        InstalledOn = input.InstalledOn;
    }

    public void Retire(DateOnly day) => RetiredOn = day;
}

public sealed class EquipmentInput
{
    public EquipmentKind Kind { get; set; }
    public string? Name { get; set; }
    public BoilerFuel? Fuel { get; set; }
    public int? PowerKw { get; set; }
    public bool CertifiedMaintenance { get; set; }
    public int? TankLitres { get; set; }
    public TankPlacement? Placement { get; set; }
    public DateOnly? InstalledOn { get; set; }

    public Validation Validate(DateOnly today) => new Validation()
        .Rule(Enum.IsDefined(Kind), nameof(Kind), Errors.Required)
        .Required(Name, nameof(Name), Equipment.NameMax)
        .Rule(Kind != EquipmentKind.Boiler || Fuel is { } f && Enum.IsDefined(f), nameof(Fuel), Errors.Required)
        .Rule(PowerKw is null or (> 0 and <= Equipment.MaxPowerKw) && (Kind != EquipmentKind.Boiler || PowerKw is not null), nameof(PowerKw), "error.equipment_power", Equipment.MaxPowerKw)
        .Rule(TankLitres is null or (> 0 and <= Equipment.MaxTankLitres) && (Kind != EquipmentKind.FuelTank || TankLitres is not null), nameof(TankLitres), "error.equipment_tank", Equipment.MaxTankLitres)
        .Rule(Kind != EquipmentKind.FuelTank || Placement is { } p && Enum.IsDefined(p), nameof(Placement), Errors.Required)
        .Date(InstalledOn, nameof(InstalledOn), required: false)
        .Rule(InstalledOn is not { } d || d <= today, nameof(InstalledOn), "error.date_future");
}

/// <summary>
/// One line of the rule table (SPEC §6.2, data the SuperAdmin edits): how often an inspection type is due, in which
/// region (none: everywhere), for which equipment (none: the building's common parts as a whole) and on which
/// conditions, who may carry it out, and the legal source shown to the syndic. When several lines fit, the
/// strictest (shortest period) applies.
/// </summary>
public sealed class InspectionRule
{
    public const int NoteMax = 300, SourceMax = 300, MaxPeriodMonths = 600;

    private InspectionRule() { }

    public Guid Id { get; private set; }
    public InspectionType Type { get; private set; }
    public Region? Region { get; private set; }
    public EquipmentKind? Equipment { get; private set; }
    public BoilerFuel? Fuel { get; private set; }
    /// <summary>Power range of a boiler, from (inclusive) and below (exclusive).</summary>
    public int? MinPowerKw { get; private set; }
    public int? BelowPowerKw { get; private set; }
    public bool? CertifiedMaintenance { get; private set; }
    public int? MinTankLitres { get; private set; }
    public TankPlacement? Placement { get; private set; }
    /// <summary>Only buildings built before that year (the Flemish asbestos inventory: before 2001).</summary>
    public int? BuiltBefore { get; private set; }
    public int PeriodMonths { get; private set; }
    public InspectorKind Inspector { get; private set; }
    public string? Note { get; private set; }
    public string Source { get; private set; } = "";
    public bool Active { get; private set; } = true;

    public static InspectionRule Create(InspectionRuleInput input)
    {
        var r = new InspectionRule { Id = Guid.CreateVersion7() };
        r.Update(input);
        return r;
    }

    public void Update(InspectionRuleInput input)
    {
        Type = input.Type;
        Region = input.Region;
        Equipment = input.Equipment;
        Fuel = input.Fuel;
        MinPowerKw = input.MinPowerKw;
        BelowPowerKw = input.BelowPowerKw;
        CertifiedMaintenance = input.CertifiedMaintenance;
        MinTankLitres = input.MinTankLitres;
        Placement = input.Placement;
        BuiltBefore = input.BuiltBefore;
        PeriodMonths = input.PeriodMonths;
        Inspector = input.Inspector;
        Note = Text.Clean(input.Note);
        Source = input.Source!.Trim();
        Active = input.Active;
    }

    /// <summary>Whether this line applies to the building (a building-wide line) or to one of its installations.</summary>
    public bool AppliesTo(Building building, Equipment? equipment)
    {
        if (!Active || (Region is { } region && region != building.Region))
            return false;
        if (BuiltBefore is { } year && building.ConstructionYear is { } built && built >= year)
            return false;
        if (Equipment is null)
            return equipment is null;
        return equipment is not null && equipment.Kind == Equipment
               && (Fuel is null || equipment.Fuel == Fuel)
               && (MinPowerKw is null || equipment.PowerKw >= MinPowerKw)
               && (BelowPowerKw is null || equipment.PowerKw < BelowPowerKw)
               && (CertifiedMaintenance is null || equipment.CertifiedMaintenance == CertifiedMaintenance)
               && (MinTankLitres is null || equipment.TankLitres >= MinTankLitres)
               && (Placement is null || equipment.Placement == Placement);
    }

    public InspectionRuleInput ToInput() => new()
    {
        Type = Type,
        Region = Region,
        Equipment = Equipment,
        Fuel = Fuel,
        MinPowerKw = MinPowerKw,
        BelowPowerKw = BelowPowerKw,
        CertifiedMaintenance = CertifiedMaintenance,
        MinTankLitres = MinTankLitres,
        Placement = Placement,
        BuiltBefore = BuiltBefore,
        PeriodMonths = PeriodMonths,
        Inspector = Inspector,
        Note = Note,
        Source = Source,
        Active = Active,
    };
}

public sealed class InspectionRuleInput
{
    public InspectionType Type { get; set; }
    public Region? Region { get; set; }
    public EquipmentKind? Equipment { get; set; }
    public BoilerFuel? Fuel { get; set; }
    public int? MinPowerKw { get; set; }
    public int? BelowPowerKw { get; set; }
    public bool? CertifiedMaintenance { get; set; }
    public int? MinTankLitres { get; set; }
    public TankPlacement? Placement { get; set; }
    public int? BuiltBefore { get; set; }
    public int PeriodMonths { get; set; } = 12;
    public InspectorKind Inspector { get; set; }
    public string? Note { get; set; }
    public string? Source { get; set; }
    public bool Active { get; set; } = true;

    public Validation Validate() => new Validation()
        .Rule(Enum.IsDefined(Type), nameof(Type), Errors.Required)
        .Rule(Region is null || Enum.IsDefined(Region.Value), nameof(Region), Errors.Required)
        .Rule(Equipment is null || Enum.IsDefined(Equipment.Value), nameof(Equipment), Errors.Required)
        .Rule(Enum.IsDefined(Inspector), nameof(Inspector), Errors.Required)
        .Rule(PeriodMonths is >= 1 and <= InspectionRule.MaxPeriodMonths, nameof(PeriodMonths), "error.rule_period", InspectionRule.MaxPeriodMonths)
        .Rule(MinPowerKw is null or (>= 0 and <= Inspections.Equipment.MaxPowerKw), nameof(MinPowerKw), "error.equipment_power", Inspections.Equipment.MaxPowerKw)
        .Rule(BelowPowerKw is null or (> 0 and <= Inspections.Equipment.MaxPowerKw), nameof(BelowPowerKw), "error.equipment_power", Inspections.Equipment.MaxPowerKw)
        .Rule(MinPowerKw is null || BelowPowerKw is null || MinPowerKw < BelowPowerKw, nameof(BelowPowerKw), "error.rule_power_range")
        .Rule(MinTankLitres is null or (> 0 and <= Inspections.Equipment.MaxTankLitres), nameof(MinTankLitres), "error.equipment_tank", Inspections.Equipment.MaxTankLitres)
        .Rule(BuiltBefore is null or (>= 1800 and <= 2199), nameof(BuiltBefore), "error.rule_year")
        // a condition on a boiler's fuel means nothing for a lift: refused rather than silently never matching
        .Rule(Equipment == EquipmentKind.Boiler || (Fuel is null && MinPowerKw is null && BelowPowerKw is null), nameof(Fuel), "error.rule_condition_kind")
        .Rule(Equipment == EquipmentKind.Lift || CertifiedMaintenance is null, nameof(CertifiedMaintenance), "error.rule_condition_kind")
        .Rule(Equipment == EquipmentKind.FuelTank || (MinTankLitres is null && Placement is null), nameof(Placement), "error.rule_condition_kind")
        .Optional(Note, nameof(Note), InspectionRule.NoteMax)
        .Required(Source, nameof(Source), InspectionRule.SourceMax);
}

/// <summary>
/// One inspection of the building or of one installation: scheduled, carried out, passed (with the certificate and
/// its validity) or failed (defects and the date by which it must be inspected again). The latest completed
/// inspection of an obligation says when the next one is due.
/// </summary>
public sealed class Inspection
{
    public const int InspectorNameMax = 200, DefectsMax = 4000, ReasonMax = 500;

    private Inspection() { }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid BuildingId { get; private set; }
    public Guid? EquipmentId { get; private set; }
    public InspectionType Type { get; private set; }
    /// <summary>The rule line in force when it was scheduled (none for an inspection no rule requires).</summary>
    public Guid? RuleId { get; private set; }
    public InspectionStatus Status { get; private set; }
    public DateOnly ScheduledOn { get; private set; }
    public string? InspectorName { get; private set; }
    public DateOnly? InspectedOn { get; private set; }
    public string? Defects { get; private set; }
    public DateOnly? ReinspectBy { get; private set; }
    public Guid? CertificateFileId { get; private set; }
    public DateOnly? ValidUntil { get; private set; }
    /// <summary>When the next inspection of this obligation is due, once this one is completed: the certificate's end, or the re-inspection date of a failure.</summary>
    public DateOnly? DueOn { get; private set; }
    public string? CancelReason { get; private set; }
    /// <summary>A later inspection of the same obligation was completed: this one no longer says when the next is due.</summary>
    public bool Superseded { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    public static Inspection Schedule(Building building, Equipment? equipment, InspectionType type, InspectionRule? rule, DateOnly on, string? inspector, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        OrganisationId = building.OrganisationId,
        BuildingId = building.Id,
        EquipmentId = equipment?.Id,
        Type = type,
        RuleId = rule?.Id,
        Status = InspectionStatus.Scheduled,
        ScheduledOn = on,
        InspectorName = Text.Clean(inspector),
        CreatedAt = now,
    };

    public bool IsOpen => Status is InspectionStatus.Scheduled or InspectionStatus.InProgress;

    public bool IsCompleted => Status is InspectionStatus.Passed or InspectionStatus.Failed;

    public void Start() => Status = InspectionStatus.InProgress;

    public void Complete(InspectionResultInput result, DateOnly? validUntil, DateTimeOffset now)
    {
        Status = result.Passed == true ? InspectionStatus.Passed : InspectionStatus.Failed;
        InspectedOn = result.InspectedOn;
        InspectorName = Text.Clean(result.Inspector) ?? InspectorName;
        Defects = Text.Clean(result.Defects);
        CertificateFileId = result.CertificateFileId;
        ValidUntil = Status == InspectionStatus.Passed ? validUntil : null;
        ReinspectBy = Status == InspectionStatus.Failed ? result.ReinspectBy : null;
        DueOn = ValidUntil ?? ReinspectBy;
        CompletedAt = now;
    }

    public void Supersede() => Superseded = true;

    public void Cancel(string reason)
    {
        Status = InspectionStatus.Cancelled;
        CancelReason = reason.Trim();
    }
}

public sealed class ScheduleInspectionInput
{
    public InspectionType Type { get; set; }
    public Guid? EquipmentId { get; set; }
    public DateOnly? ScheduledOn { get; set; }
    public string? Inspector { get; set; }

    public Validation Validate() => new Validation()
        .Rule(Enum.IsDefined(Type), nameof(Type), Errors.Required)
        .Date(ScheduledOn, nameof(ScheduledOn))
        .Optional(Inspector, nameof(Inspector), Inspection.InspectorNameMax);
}

public sealed class InspectionResultInput
{
    public bool? Passed { get; set; }
    public DateOnly? InspectedOn { get; set; }
    public string? Inspector { get; set; }
    public string? Defects { get; set; }
    public DateOnly? ReinspectBy { get; set; }
    public Guid? CertificateFileId { get; set; }
    /// <summary>The validity the certificate states; empty: the rule's period from the inspection day.</summary>
    public DateOnly? ValidUntil { get; set; }

    public Validation Validate(DateOnly today)
    {
        var v = new Validation()
            .Rule(Passed is not null, nameof(Passed), Errors.Required)
            .Date(InspectedOn, nameof(InspectedOn))
            .Optional(Inspector, nameof(Inspector), Inspection.InspectorNameMax)
            .Optional(Defects, nameof(Defects), Inspection.DefectsMax)
            .Date(ReinspectBy, nameof(ReinspectBy), required: Passed == false)
            .Date(ValidUntil, nameof(ValidUntil), required: false);
        if (!v.IsValid)
            return v;
        return v
            .Rule(InspectedOn <= today, nameof(InspectedOn), "error.date_future")
            .Rule(Passed != false || Text.Clean(Defects) is not null, nameof(Defects), "error.inspection_defects")
            .Rule(Passed != false || ReinspectBy > InspectedOn, nameof(ReinspectBy), "error.inspection_after")
            .Rule(ValidUntil is not { } until || until > InspectedOn, nameof(ValidUntil), "error.inspection_after");
    }
}

/// <summary>The once-only key of an expiry alert: an inspection and the stage it reached (90, 60, 30 days before, the day, then each week after).</summary>
public sealed class InspectionAlert
{
    private InspectionAlert() { }

    public Guid InspectionId { get; private set; }
    public int Stage { get; private set; }
    public DateTimeOffset SentAt { get; private set; }
}

/// <summary>The arithmetic of §6.2: validity from a rule, and the alert stage of a due date on a given day.</summary>
public static class InspectionRules
{
    public const int UpcomingDays = 90;

    public static DateOnly ValidUntil(DateOnly inspectedOn, int periodMonths) => inspectedOn.AddMonths(periodMonths);

    /// <summary>
    /// The alert a due date calls for today: 90, 60 or 30 (days before, the nearest threshold reached), 0 on the day
    /// and the six after, then −7, −14… each week it stays expired; none more than 90 days ahead. A stage is sent
    /// once: a job that missed a day sends the stage it is at, never the ones it skipped.
    /// </summary>
    public static int? Stage(DateOnly due, DateOnly today)
    {
        var left = due.DayNumber - today.DayNumber;
        return left switch
        {
            > UpcomingDays => null,
            > 60 => 90,
            > 30 => 60,
            > 0 => 30,
            _ => -(-left / 7 * 7),
        };
    }

    public static DueState State(DateOnly? due, DateOnly today) => due switch
    {
        null => DueState.Missing,
        { } d when d <= today => DueState.Expired,
        { } d when d.DayNumber - today.DayNumber <= UpcomingDays => DueState.Upcoming,
        _ => DueState.Valid,
    };
}
