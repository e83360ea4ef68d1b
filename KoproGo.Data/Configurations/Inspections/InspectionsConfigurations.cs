namespace KoproGo.Data.Configurations;

public sealed class EquipmentConfiguration : IEntityTypeConfiguration<Equipment>
{
    public void Configure(EntityTypeBuilder<Equipment> b)
    {
        b.ToTable("equipment", t =>
        {
            t.HasCheckConstraint("ck_equipment_power", $"power_kw IS NULL OR power_kw BETWEEN 1 AND {Equipment.MaxPowerKw}");
            t.HasCheckConstraint("ck_equipment_tank", $"tank_litres IS NULL OR tank_litres BETWEEN 1 AND {Equipment.MaxTankLitres}");
        });
        b.Property(x => x.Name).HasMaxLength(Equipment.NameMax);
        b.HasIndex(x => x.BuildingId);
        b.HasOne<Building>().WithMany().HasForeignKey(x => x.BuildingId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class InspectionConfiguration : IEntityTypeConfiguration<Inspection>
{
    public void Configure(EntityTypeBuilder<Inspection> b)
    {
        b.ToTable("inspections", t =>
        {
            t.HasCheckConstraint("ck_inspections_result", "status NOT IN ('Passed', 'Failed') OR (inspected_on IS NOT NULL AND due_on IS NOT NULL)");
            t.HasCheckConstraint("ck_inspections_failed", "status <> 'Failed' OR (defects IS NOT NULL AND reinspect_by IS NOT NULL)");
        });
        b.Property(x => x.InspectorName).HasMaxLength(Inspection.InspectorNameMax);
        b.Property(x => x.Defects).HasMaxLength(Inspection.DefectsMax);
        b.Property(x => x.CancelReason).HasMaxLength(Inspection.ReasonMax);
        b.HasIndex(x => new { x.BuildingId, x.EquipmentId, x.Type });
        // the expiry job reads the current inspections due within 90 days
        b.HasIndex(x => x.DueOn).HasFilter("NOT superseded AND due_on IS NOT NULL");
        b.HasOne<Building>().WithMany().HasForeignKey(x => x.BuildingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Equipment>().WithMany().HasForeignKey(x => x.EquipmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<InspectionRule>().WithMany().HasForeignKey(x => x.RuleId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.CertificateFileId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class InspectionAlertConfiguration : IEntityTypeConfiguration<InspectionAlert>
{
    public void Configure(EntityTypeBuilder<InspectionAlert> b)
    {
        b.ToTable("inspection_alerts");
        // the once-only key of SPEC §6.2: one notice per inspection and stage, whatever runs at once
        b.HasKey(x => new { x.InspectionId, x.Stage });
        b.HasOne<Inspection>().WithMany().HasForeignKey(x => x.InspectionId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// The rule table of SPEC §6.2 as shipped (the SuperAdmin edits it afterwards): periods by type, region and
/// installation, who may inspect, and the legal source shown to the syndic.
/// </summary>
public sealed class InspectionRuleConfiguration : IEntityTypeConfiguration<InspectionRule>
{
    public void Configure(EntityTypeBuilder<InspectionRule> b)
    {
        b.ToTable("inspection_rules", t => t.HasCheckConstraint("ck_inspection_rules_period", $"period_months BETWEEN 1 AND {InspectionRule.MaxPeriodMonths}"));
        b.Property(x => x.Note).HasMaxLength(InspectionRule.NoteMax);
        b.Property(x => x.Source).HasMaxLength(InspectionRule.SourceMax);
        b.HasData(
            Rule(1, InspectionType.Lift, 6, InspectorKind.ApprovedBody, "AR/KB 9.3.2003 relatif à la sécurité des ascenseurs / betreffende de veiligheid van liften (entretien certifié)",
                equipment: EquipmentKind.Lift, certified: true, note: "Visite préventive par un SECT agréé / EDTC"),
            Rule(2, InspectionType.Lift, 3, InspectorKind.ApprovedBody, "AR/KB 9.3.2003 relatif à la sécurité des ascenseurs / betreffende de veiligheid van liften",
                equipment: EquipmentKind.Lift, certified: false, note: "Visite préventive par un SECT agréé / EDTC"),
            Rule(3, InspectionType.LiftRiskAnalysis, 180, InspectorKind.ApprovedBody, "AR/KB 9.3.2003 modifié par AR/KB 10.12.2012 (analyse de risques / risicoanalyse)", equipment: EquipmentKind.Lift),
            Rule(4, InspectionType.Electrical, 60, InspectorKind.ApprovedBody, "RGIE/AREI Livre 1 (contrôle périodique / periodieke controle)"),
            Rule(5, InspectionType.Heating, 12, InspectorKind.CertifiedTechnician, "Bruxelles: réglementation chauffage PEB; Wallonie: AGW 29.1.2009; Vlaanderen: BVR 8.12.2006 stookinstallaties",
                equipment: EquipmentKind.Boiler, fuel: BoilerFuel.Oil, note: "Entretien/Onderhoud mazout: annuel"),
            Rule(6, InspectionType.Heating, 24, InspectorKind.CertifiedTechnician, "Bruxelles: réglementation chauffage PEB (Bruxelles Environnement)",
                region: Region.Brussels, equipment: EquipmentKind.Boiler, fuel: BoilerFuel.Gas),
            Rule(7, InspectionType.Heating, 24, InspectorKind.CertifiedTechnician, "BVR 8.12.2006 betreffende het onderhoud en het nazicht van stookinstallaties",
                region: Region.Flanders, equipment: EquipmentKind.Boiler, fuel: BoilerFuel.Gas),
            Rule(8, InspectionType.Heating, 36, InspectorKind.CertifiedTechnician, "AGW 29.1.2009 (installations de chauffage central) — gaz < 100 kW",
                region: Region.Wallonia, equipment: EquipmentKind.Boiler, fuel: BoilerFuel.Gas, belowKw: 100),
            Rule(9, InspectionType.Heating, 24, InspectorKind.CertifiedTechnician, "AGW 29.1.2009 (installations de chauffage central) — gaz ≥ 100 kW",
                region: Region.Wallonia, equipment: EquipmentKind.Boiler, fuel: BoilerFuel.Gas, fromKw: 100),
            Rule(10, InspectionType.FireSafety, 12, InspectorKind.CompetentPerson, "NBN S 21-050 (extincteurs / blustoestellen, entretien annuel)", equipment: EquipmentKind.FireEquipment),
            Rule(12, InspectionType.Epc, 120, InspectorKind.EnergyAssessor, "Energiedecreet 8.5.2009 en Energiebesluit 19.11.2010: EPC gemeenschappelijke delen", region: Region.Flanders),
            Rule(13, InspectionType.Asbestos, 120, InspectorKind.AsbestosExpert, "Materialendecreet 23.12.2011, VLAREMA hfst. 4.4: asbestinventarisattest gemeenschappelijke delen (bouwjaar < 2001)",
                region: Region.Flanders, builtBefore: 2001),
            Rule(14, InspectionType.FuelTank, 60, InspectorKind.CertifiedTechnician, "VLAREM II, 5.17 en 6.5: ondergrondse stookolietank (3 jaar in een beschermingszone: aan te passen)",
                region: Region.Flanders, equipment: EquipmentKind.FuelTank, placement: TankPlacement.Underground),
            Rule(15, InspectionType.FuelTank, 120, InspectorKind.CertifiedTechnician, "VLAREM II, 5.17 en 6.5: bovengrondse stookolietank ≥ 5.000 l",
                region: Region.Flanders, equipment: EquipmentKind.FuelTank, placement: TankPlacement.AboveGround, minLitres: 5000));
    }

    private static object Rule(int n, InspectionType type, int months, InspectorKind inspector, string source, Region? region = null, EquipmentKind? equipment = null,
        BoilerFuel? fuel = null, int? fromKw = null, int? belowKw = null, bool? certified = null, int? minLitres = null, TankPlacement? placement = null, int? builtBefore = null,
        string? note = null) => new
        {
            Id = new Guid($"6f2d0000-0000-4000-8000-{n:D12}"),
            Type = type,
            Region = region,
            Equipment = equipment,
            Fuel = fuel,
            MinPowerKw = fromKw,
            BelowPowerKw = belowKw,
            CertifiedMaintenance = certified,
            MinTankLitres = minLitres,
            Placement = placement,
            BuiltBefore = builtBefore,
            PeriodMonths = months,
            Inspector = inspector,
            Note = note,
            Source = source,
            Active = true,
        };
}
