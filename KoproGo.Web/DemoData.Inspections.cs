using KoproGo.Core.Features.Inspections;
using KoproGo.Core.Features.Logbook;

namespace KoproGo.Web;

public sealed partial class DemoData
{
    /// <summary>
    /// Résidence Horta's installations and their inspections, so the board has every state: the lift's visit due in a
    /// few weeks, the common parts' electrical installation valid for years, the gas boiler failed with a re-inspection
    /// date, the fire extinguishers expired, and the lift's risk analysis never done; and two warranties of works.
    /// </summary>
    private async Task SeedInspectionsAsync(Guid buildingId, CancellationToken ct)
    {
        var inspections = services.GetRequiredService<IInspectionService>();
        var system = Actor.System;
        var today = clock.Today();
        static T Ok<T>(Result<T> r) => r.Succeeded ? r.Value : throw new InvalidOperationException("demo inspection failed: " + r.FirstError!.Code);
        static void Done(Result r)
        {
            if (!r.Succeeded)
                throw new InvalidOperationException("demo inspection failed: " + r.FirstError!.Code);
        }
        var lift = Ok(await inspections.SaveEquipmentAsync(system, buildingId, null,
            new EquipmentInput { Kind = EquipmentKind.Lift, Name = "Ascenseur Schindler", CertifiedMaintenance = true, InstalledOn = new DateOnly(2009, 3, 1) }, ct));
        var boiler = Ok(await inspections.SaveEquipmentAsync(system, buildingId, null,
            new EquipmentInput { Kind = EquipmentKind.Boiler, Name = "Chaudière collective Vaillant", Fuel = BoilerFuel.Gas, PowerKw = 90, InstalledOn = new DateOnly(2015, 10, 1) }, ct));
        var fire = Ok(await inspections.SaveEquipmentAsync(system, buildingId, null,
            new EquipmentInput { Kind = EquipmentKind.FireEquipment, Name = "Extincteurs et dévidoirs (6)" }, ct));

        async Task<Guid> ScheduleAsync(InspectionType type, Guid? equipment, DateOnly on, string inspector) =>
            Ok(await inspections.ScheduleAsync(system, buildingId, new ScheduleInspectionInput { Type = type, EquipmentId = equipment, ScheduledOn = on, Inspector = inspector }, ct));

        Done(await inspections.RecordResultAsync(system, await ScheduleAsync(InspectionType.Lift, lift, today.AddMonths(-5).AddDays(-10), "Vinçotte"),
            new InspectionResultInput { Passed = true, InspectedOn = today.AddMonths(-5).AddDays(-10) }, ct));
        Done(await inspections.RecordResultAsync(system, await ScheduleAsync(InspectionType.Electrical, null, today.AddYears(-2), "BTV"),
            new InspectionResultInput { Passed = true, InspectedOn = today.AddYears(-2) }, ct));
        Done(await inspections.RecordResultAsync(system, await ScheduleAsync(InspectionType.Heating, boiler, today.AddDays(-25), "Chauffage Lambert"),
            new InspectionResultInput { Passed = false, InspectedOn = today.AddDays(-25), Defects = "Tirage insuffisant de la cheminée ; joint du brûleur à remplacer.", ReinspectBy = today.AddDays(35) }, ct));
        Done(await inspections.RecordResultAsync(system, await ScheduleAsync(InspectionType.FireSafety, fire, today.AddYears(-1).AddDays(-20), "Sicli"),
            new InspectionResultInput { Passed = true, InspectedOn = today.AddYears(-1).AddDays(-20) }, ct));
        // the boiler's re-inspection is planned
        await ScheduleAsync(InspectionType.Heating, boiler, today.AddDays(20), "Chauffage Lambert");

        // the warranties in the logbook: the roof's ten years running, the entrance door's two years ending within 90 days
        var logbook = services.GetRequiredService<ILogbookService>();
        Ok(await logbook.AddWarrantyAsync(system, buildingId, new WarrantyInput
        { Subject = "Réfection de la toiture plate et isolation", Contractor = "Toitures Lambert", AcceptedOn = new DateOnly(2021, 6, 18), Kind = WarrantyKind.TenYears }, ct));
        Ok(await logbook.AddWarrantyAsync(system, buildingId, new WarrantyInput
        { Subject = "Porte d'entrée et parlophonie", Contractor = "Menuiserie Peeters", AcceptedOn = today.AddYears(-2).AddDays(45), Kind = WarrantyKind.TwoYears }, ct));
    }
}
