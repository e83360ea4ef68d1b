using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Files;

namespace KoproGo.Core.Features.Inspections;

public sealed record EquipmentRow(Guid Id, EquipmentKind Kind, string Name, BoilerFuel? Fuel, int? PowerKw, bool CertifiedMaintenance, int? TankLitres,
    TankPlacement? Placement, DateOnly? InstalledOn, DateOnly? RetiredOn)
{
    public EquipmentInput ToInput() => new()
    {
        Kind = Kind,
        Name = Name,
        Fuel = Fuel,
        PowerKw = PowerKw,
        CertifiedMaintenance = CertifiedMaintenance,
        TankLitres = TankLitres,
        Placement = Placement,
        InstalledOn = InstalledOn,
    };
}

/// <summary>
/// One inspection the building owes (an installation and a type, or the common parts as a whole): the rule that
/// requires it with its source, the latest completed inspection, when the next is due and whether one is planned.
/// </summary>
public sealed record ObligationRow(Guid BuildingId, string BuildingName, Guid? EquipmentId, string? EquipmentName, InspectionType Type,
    int? PeriodMonths, InspectorKind? Inspector, string? Source, string? Note,
    Guid? LastInspectionId, DateOnly? LastInspectedOn, InspectionStatus? LastStatus, Guid? CertificateFileId,
    DateOnly? DueOn, DueState State, Guid? OpenInspectionId, DateOnly? OpenScheduledOn);

public sealed record InspectionRow(Guid Id, InspectionType Type, Guid? EquipmentId, string? EquipmentName, InspectionStatus Status, DateOnly ScheduledOn,
    string? InspectorName, DateOnly? InspectedOn, string? Defects, DateOnly? ReinspectBy, DateOnly? ValidUntil, Guid? CertificateFileId, string? CancelReason, bool Superseded);

/// <summary>A building's inspections page: what it owes, its installations and every inspection, newest first.</summary>
public sealed record InspectionBoard(IReadOnlyList<ObligationRow> Obligations, IReadOnlyList<EquipmentRow> Equipment, IReadOnlyList<InspectionRow> History);

public sealed record InspectionRuleRow(Guid Id, InspectionRuleInput Values);

public interface IInspectionService
{
    /// <summary>The building's obligations, installations and history, for its staff (syndic, accountant, board).</summary>
    Task<Result<InspectionBoard>> BoardAsync(Actor actor, Guid buildingId, CancellationToken ct);
    /// <summary>Across the organisation, for its office: every obligation expired, expiring within 90 days or never inspected, the most urgent first.</summary>
    Task<Result<IReadOnlyList<ObligationRow>>> DueAsync(Actor actor, Guid organisationId, CancellationToken ct);
    Task<Result<Guid>> SaveEquipmentAsync(Actor actor, Guid buildingId, Guid? equipmentId, EquipmentInput input, CancellationToken ct);
    /// <summary>Takes an installation out of service: its inspections stay as history and no longer alert.</summary>
    Task<Result> RetireEquipmentAsync(Actor actor, Guid equipmentId, DateOnly retiredOn, CancellationToken ct);
    /// <summary>Plans an inspection; the rule in force for that installation (or the common parts) in the building's region is kept with it.</summary>
    Task<Result<Guid>> ScheduleAsync(Actor actor, Guid buildingId, ScheduleInspectionInput input, CancellationToken ct);
    Task<Result> StartAsync(Actor actor, Guid inspectionId, CancellationToken ct);
    /// <summary>
    /// Passed (with the certificate and its validity: as stated, or the rule's period) or failed (defects, the date by
    /// which to inspect again). The latest completed inspection of an obligation then says when the next one is due.
    /// </summary>
    Task<Result> RecordResultAsync(Actor actor, Guid inspectionId, InspectionResultInput input, CancellationToken ct);
    Task<Result> CancelAsync(Actor actor, Guid inspectionId, string reason, CancellationToken ct);
    /// <summary>The rule table (periods, inspectors, sources): read by any staff member, who see the source of each obligation.</summary>
    Task<Result<IReadOnlyList<InspectionRuleRow>>> RulesAsync(Actor actor, CancellationToken ct);
    /// <summary>Adds or changes a line of the rule table: the SuperAdmin only.</summary>
    Task<Result<Guid>> SaveRuleAsync(Actor actor, Guid? ruleId, InspectionRuleInput input, CancellationToken ct);
}

public sealed class InspectionService(IKoproGoDbFactory dbFactory, TimeProvider clock) : IInspectionService
{
    public async Task<Result<InspectionBoard>> BoardAsync(Actor actor, Guid buildingId, CancellationToken ct) =>
        await dbFactory.InBuildingAsync<InspectionBoard>(actor, buildingId, BuildingRight.Staff, clock.Today(), async (db, building) =>
        {
            var equipment = await db.Equipment.AsNoTracking().Where(e => e.BuildingId == buildingId).OrderBy(e => e.Kind).ThenBy(e => e.Name).ToListAsync(ct);
            var inspections = await db.Inspections.AsNoTracking().Where(i => i.BuildingId == buildingId).ToListAsync(ct);
            var rules = await db.InspectionRules.AsNoTracking().Where(r => r.Active).ToListAsync(ct);
            var names = equipment.ToDictionary(e => e.Id, e => e.Name);
            var history = inspections.OrderByDescending(i => i.InspectedOn ?? i.ScheduledOn).ThenByDescending(i => i.CreatedAt)
                .Select(i => new InspectionRow(i.Id, i.Type, i.EquipmentId, i.EquipmentId is { } e ? names.GetValueOrDefault(e) : null, i.Status, i.ScheduledOn,
                    i.InspectorName, i.InspectedOn, i.Defects, i.ReinspectBy, i.ValidUntil, i.CertificateFileId, i.CancelReason, i.Superseded))
                .ToList();
            return new InspectionBoard(Obligations(building, equipment, rules, inspections, clock.Today()),
                equipment.Select(e => new EquipmentRow(e.Id, e.Kind, e.Name, e.Fuel, e.PowerKw, e.CertifiedMaintenance, e.TankLitres, e.Placement, e.InstalledOn, e.RetiredOn)).ToList(),
                history);
        }, ct);

    public async Task<Result<IReadOnlyList<ObligationRow>>> DueAsync(Actor actor, Guid organisationId, CancellationToken ct)
    {
        // the organisation's office (syndic, accountant); a board member follows their building on its own page
        if (!actor.IsStaffOf(organisationId))
            return actor.StaffOrganisationIds.Contains(organisationId) ? Errors.ForbiddenError : Errors.NotFoundError;
        var today = clock.Today();
        await using var db = await dbFactory.CreateAsync(ct);
        var buildings = await db.ReadableBuildings(actor, today).AsNoTracking().Where(b => b.OrganisationId == organisationId).ToListAsync(ct);
        var ids = buildings.Select(b => b.Id).ToList();
        // what decides an obligation: the installations in service, the current completed inspections and the open ones
        var equipment = await db.Equipment.AsNoTracking().Where(e => ids.Contains(e.BuildingId) && e.RetiredOn == null).ToListAsync(ct);
        var inspections = await db.Inspections.AsNoTracking()
            .Where(i => ids.Contains(i.BuildingId) && !i.Superseded && i.Status != InspectionStatus.Cancelled).ToListAsync(ct);
        var rules = await db.InspectionRules.AsNoTracking().Where(r => r.Active).ToListAsync(ct);
        var byBuilding = equipment.ToLookup(e => e.BuildingId);
        var inspectionsOf = inspections.ToLookup(i => i.BuildingId);
        return buildings
            .SelectMany(b => Obligations(b, byBuilding[b.Id].ToList(), rules, inspectionsOf[b.Id].ToList(), today))
            .Where(o => o.State != DueState.Valid)
            .OrderBy(o => o.State == DueState.Missing).ThenBy(o => o.DueOn).ThenBy(o => o.BuildingName, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The obligations of a building: each installation in service and the common parts, with the strictest rule that
    /// applies to each type; plus any inspection no rule requires that was given a validity. Each with its latest
    /// completed inspection (the one not superseded) and its first open one.
    /// </summary>
    internal static List<ObligationRow> Obligations(Building building, IReadOnlyList<Equipment> equipment, IReadOnlyList<InspectionRule> rules,
        IReadOnlyList<Inspection> inspections, DateOnly today)
    {
        var active = equipment.Where(e => e.RetiredOn is null).ToList();
        var required = new Dictionary<(Guid? Equipment, InspectionType Type), InspectionRule?>();
        foreach (var target in active.Select(e => (Equipment?)e).Prepend(null))
            foreach (var rule in rules.Where(r => r.AppliesTo(building, target)).OrderBy(r => r.PeriodMonths))
                required.TryAdd((target?.Id, rule.Type), rule);
        var activeIds = active.Select(e => e.Id).ToHashSet();
        foreach (var i in inspections.Where(i => i.IsCompleted && !i.Superseded && i.DueOn is not null && (i.EquipmentId is null || activeIds.Contains(i.EquipmentId.Value))))
            required.TryAdd((i.EquipmentId, i.Type), null);
        var names = active.ToDictionary(e => e.Id, e => e.Name);
        // the building's inspections by obligation, read once: not a scan of all of them per obligation
        var byObligation = inspections.ToLookup(i => (i.EquipmentId, i.Type));
        return required.Select(o =>
            {
                var (equipmentId, type) = o.Key;
                var rule = o.Value;
                var of = byObligation[(equipmentId, type)];
                var last = of.Where(i => i.IsCompleted && !i.Superseded).MaxBy(i => (i.InspectedOn, i.CompletedAt));
                var open = of.Where(i => i.IsOpen).MinBy(i => i.ScheduledOn);
                return new ObligationRow(building.Id, building.Name, equipmentId, equipmentId is { } e ? names[e] : null, type,
                    rule?.PeriodMonths, rule?.Inspector, rule?.Source, rule?.Note,
                    last?.Id, last?.InspectedOn, last?.Status, last?.CertificateFileId,
                    last?.DueOn, InspectionRules.State(last?.DueOn, today), open?.Id, open?.ScheduledOn);
            })
            .OrderBy(o => o.EquipmentName is not null).ThenBy(o => o.EquipmentName, StringComparer.Ordinal).ThenBy(o => o.Type)
            .ToList();
    }

    public async Task<Result<Guid>> SaveEquipmentAsync(Actor actor, Guid buildingId, Guid? equipmentId, EquipmentInput input, CancellationToken ct) =>
        await dbFactory.InBuildingAsync<Guid>(actor, buildingId, BuildingRight.Manage, clock.Today(), input.Validate(clock.Today()), async (db, building) =>
        {
            Equipment item;
            if (equipmentId is { } id)
            {
                var found = await db.Equipment.FirstOrDefaultAsync(e => e.Id == id && e.BuildingId == buildingId, ct);
                if (found is null)
                    return Errors.NotFoundError;
                found.Update(input);
                item = found;
            }
            else
            {
                item = Equipment.Add(building, input);
                db.Equipment.Add(item);
            }
            db.Audit(actor, clock, equipmentId is null ? "equipment.added" : "equipment.updated", nameof(Equipment), item.Id, building.OrganisationId, building.Id, item.Name);
            await db.SaveChangesAsync(ct);
            return item.Id;
        }, ct);

    public async Task<Result> RetireEquipmentAsync(Actor actor, Guid equipmentId, DateOnly retiredOn, CancellationToken ct)
    {
        var v = new Validation().Date(retiredOn, "RetiredOn").Rule(retiredOn <= clock.Today(), "RetiredOn", "error.date_future");
        if (!v.IsValid)
            return v.ToResult();
        await using var db = await dbFactory.CreateAsync(ct);
        var found = await db.Equipment.Where(e => e.Id == equipmentId).FindInBuildingAsync(db, actor, e => e.BuildingId, BuildingRight.Manage, clock.Today(), ct);
        if (!found.Succeeded)
            return Result.Fail(found.Errors);
        var (item, building) = found.Value;
        if (item.RetiredOn is not null)
            return new Error("error.equipment_retired");
        item.Retire(retiredOn);
        db.Audit(actor, clock, "equipment.retired", nameof(Equipment), item.Id, building.OrganisationId, building.Id, item.Name);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result<Guid>> ScheduleAsync(Actor actor, Guid buildingId, ScheduleInspectionInput input, CancellationToken ct) =>
        await dbFactory.InBuildingAsync<Guid>(actor, buildingId, BuildingRight.Manage, clock.Today(), input.Validate(), async (db, building) =>
        {
            Equipment? equipment = null;
            if (input.EquipmentId is { } eid)
            {
                equipment = await db.Equipment.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eid && e.BuildingId == buildingId && e.RetiredOn == null, ct);
                if (equipment is null)
                    return new Error("error.equipment_unknown", [], nameof(input.EquipmentId));
            }
            var rules = await db.InspectionRules.AsNoTracking().Where(r => r.Type == input.Type && r.Active).ToListAsync(ct);
            var rule = rules.Where(r => r.AppliesTo(building, equipment)).MinBy(r => r.PeriodMonths);
            // a type that only installations owe (a lift's visit) cannot be planned for the common parts as a whole
            if (rule is null && equipment is null && rules.Count > 0 && rules.All(r => r.Equipment is not null))
                return new Error("error.inspection_equipment_required", [], nameof(input.EquipmentId));
            var inspection = Inspection.Schedule(building, equipment, input.Type, rule, input.ScheduledOn!.Value, input.Inspector, clock.GetUtcNow());
            db.Inspections.Add(inspection);
            db.Audit(actor, clock, "inspection.scheduled", nameof(Inspection), inspection.Id, building.OrganisationId, building.Id, input.Type.ToString());
            await db.SaveChangesAsync(ct);
            return inspection.Id;
        }, ct);

    public Task<Result> StartAsync(Actor actor, Guid inspectionId, CancellationToken ct) =>
        ChangeAsync(actor, inspectionId, "inspection.started", (_, inspection, _) =>
        {
            if (inspection.Status != InspectionStatus.Scheduled)
                return Task.FromResult(StatusError(inspection));
            inspection.Start();
            return Task.FromResult(Result.Ok());
        }, ct);

    public Task<Result> CancelAsync(Actor actor, Guid inspectionId, string reason, CancellationToken ct)
    {
        var v = new Validation().Required(reason, "Reason", Inspection.ReasonMax);
        if (!v.IsValid)
            return Task.FromResult(v.ToResult());
        return ChangeAsync(actor, inspectionId, "inspection.cancelled", (_, inspection, _) =>
        {
            if (!inspection.IsOpen)
                return Task.FromResult(StatusError(inspection));
            inspection.Cancel(reason);
            return Task.FromResult(Result.Ok());
        }, ct);
    }

    public Task<Result> RecordResultAsync(Actor actor, Guid inspectionId, InspectionResultInput input, CancellationToken ct)
    {
        var v = input.Validate(clock.Today());
        if (!v.IsValid)
            return Task.FromResult(v.ToResult());
        return ChangeAsync(actor, inspectionId, input.Passed == true ? "inspection.passed" : "inspection.failed", async (db, inspection, building) =>
        {
            if (!inspection.IsOpen)
                return StatusError(inspection);
            if (input.CertificateFileId is { } fileId
                && !await db.Files.AnyAsync(f => f.Id == fileId && f.BuildingId == building.Id && f.Use == FileUse.BuildingDocument, ct))
                return new Error("error.inspection_certificate", [], nameof(input.CertificateFileId));
            var validUntil = input.ValidUntil;
            if (input.Passed == true && validUntil is null)
            {
                var rule = inspection.RuleId is { } ruleId ? await db.InspectionRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == ruleId, ct) : null;
                if (rule is null)
                    return new Error("error.inspection_validity", [], nameof(input.ValidUntil));
                validUntil = InspectionRules.ValidUntil(input.InspectedOn!.Value, rule.PeriodMonths);
            }
            inspection.Complete(input, validUntil, clock.GetUtcNow());
            // the latest completed inspection of the obligation is its current one; the others are history (the
            // building's row is locked: two results recorded at once cannot both stay current)
            var completed = await db.Inspections
                .Where(i => i.BuildingId == building.Id && i.EquipmentId == inspection.EquipmentId && i.Type == inspection.Type && i.Id != inspection.Id
                            && !i.Superseded && (i.Status == InspectionStatus.Passed || i.Status == InspectionStatus.Failed))
                .ToListAsync(ct);
            var current = completed.Prepend(inspection).MaxBy(i => (i.InspectedOn, i.CompletedAt))!;   // on a tie, the one recorded now
            foreach (var other in completed.Append(inspection).Where(i => i != current))
                other.Supersede();
            return Result.Ok();
        }, ct);
    }

    private static Result StatusError(Inspection inspection) => Error.Of("error.inspection_status", inspection.Status.ToString());

    /// <summary>A step of one inspection by the building's syndic, under a lock of the building's row.</summary>
    private async Task<Result> ChangeAsync(Actor actor, Guid inspectionId, string audit, Func<IKoproGoDb, Inspection, Building, Task<Result>> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var buildingId = await db.Inspections.Where(i => i.Id == inspectionId).Select(i => (Guid?)i.BuildingId).FirstOrDefaultAsync(ct);
        if (buildingId is null)
            return Errors.NotFoundError;
        var building = await db.ManagedBuildingAsync(actor, buildingId.Value, clock.Today(), ct);
        if (!building.Succeeded)
            return Result.Fail(building.Errors);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.LockBuildingAsync(buildingId.Value, ct);
        var inspection = await db.Inspections.FirstAsync(i => i.Id == inspectionId, ct);
        var result = await change(db, inspection, building.Value);
        if (!result.Succeeded)
            return result;
        db.Audit(actor, clock, audit, nameof(Inspection), inspection.Id, building.Value.OrganisationId, building.Value.Id, inspection.Type.ToString());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result.Ok();
    }

    public async Task<Result<IReadOnlyList<InspectionRuleRow>>> RulesAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.IsSuperAdmin && !actor.StaffOrganisationIds.Any())
            return Errors.ForbiddenError;
        await using var db = await dbFactory.CreateAsync(ct);
        var rules = await db.InspectionRules.AsNoTracking().ToListAsync(ct);
        return rules.OrderBy(r => r.Type).ThenBy(r => r.Region).ThenBy(r => r.Equipment).ThenBy(r => r.PeriodMonths)
            .Select(r => new InspectionRuleRow(r.Id, r.ToInput())).ToList();
    }

    public async Task<Result<Guid>> SaveRuleAsync(Actor actor, Guid? ruleId, InspectionRuleInput input, CancellationToken ct)
    {
        if (!actor.IsSuperAdmin)
            return Errors.ForbiddenError;
        var v = input.Validate();
        if (!v.IsValid)
            return Result<Guid>.Fail(v.Errors);
        await using var db = await dbFactory.CreateAsync(ct);
        InspectionRule rule;
        if (ruleId is { } id)
        {
            var found = await db.InspectionRules.FirstOrDefaultAsync(r => r.Id == id, ct);
            if (found is null)
                return Errors.NotFoundError;
            found.Update(input);
            rule = found;
        }
        else
        {
            rule = InspectionRule.Create(input);
            db.InspectionRules.Add(rule);
        }
        db.Audit(actor, clock, ruleId is null ? "inspection_rule.added" : "inspection_rule.updated", nameof(InspectionRule), rule.Id, null, null, rule.Type.ToString());
        await db.SaveChangesAsync(ct);
        return rule.Id;
    }
}
