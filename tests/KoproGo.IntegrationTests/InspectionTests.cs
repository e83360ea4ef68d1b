using KoproGo.Core.Common;
using KoproGo.Core.Features.Files;
using KoproGo.Core.Features.Inspections;
using KoproGo.Core.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.IntegrationTests;

/// <summary>
/// Technical inspections (SPEC §6.2): the building's installations and region decide what it owes, by the rule table;
/// the latest completed inspection says when the next is due; the daily job alerts the syndics and the board at 90,
/// 60 and 30 days, on the day and then weekly, each stage once however many runs.
/// </summary>
[Collection(DatabaseCollection.Name)]
public class InspectionTests(DatabaseFixture fx)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private IInspectionService Inspections => fx.Get<IInspectionService>();
    private DateOnly Today => BusinessTime.Today(fx.Clock);

    private static EquipmentInput Lift(bool certified) => new() { Kind = EquipmentKind.Lift, Name = "Ascenseur A", CertifiedMaintenance = certified };

    private async Task<Guid> PassedAsync(Actor syndic, Guid building, InspectionType type, Guid? equipment, DateOnly inspectedOn, DateOnly? validUntil = null)
    {
        var id = (await Inspections.ScheduleAsync(syndic, building, new ScheduleInspectionInput { Type = type, EquipmentId = equipment, ScheduledOn = inspectedOn }, Ct)).Value;
        var result = await Inspections.RecordResultAsync(syndic, id, new InspectionResultInput { Passed = true, InspectedOn = inspectedOn, ValidUntil = validUntil }, Ct);
        Assert.True(result.Succeeded, result.FirstError?.Code);
        return id;
    }

    private async Task<int> NoticesAsync(string userId, Guid building)
    {
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        var link = $"/inspections?building={building}";
        return await db.Notifications.CountAsync(n => n.UserId == userId && n.Link == link, Ct);
    }

    [Fact]
    public async Task TheInstallationsAndTheRegion_DecideTheObligations_TheStrictestRuleApplying()
    {
        var w = await World.CreateAsync(fx, Ct);
        var s = w.Syndic;
        var lift = (await Inspections.SaveEquipmentAsync(s, w.BuildingA, null, Lift(certified: false), Ct)).Value;
        var boiler = (await Inspections.SaveEquipmentAsync(s, w.BuildingA, null,
            new EquipmentInput { Kind = EquipmentKind.Boiler, Name = "Chaudière", Fuel = BoilerFuel.Gas, PowerKw = 120 }, Ct)).Value;

        var board = (await Inspections.BoardAsync(w.BoardMemberA, w.BuildingA, Ct)).Value;
        var owed = board.Obligations.Select(o => (o.EquipmentId, o.Type, o.PeriodMonths, o.State)).ToList();
        // Brussels: the common parts' electrical installation; the lift every 3 months without certified maintenance
        // and its risk analysis; a gas boiler every 2 years — nothing Flemish (EPC of common parts, asbestos, tanks)
        Assert.Equal(
            [((Guid?)null, InspectionType.Electrical, (int?)60, DueState.Missing), (boiler, InspectionType.Heating, 24, DueState.Missing),
             (lift, InspectionType.Lift, 3, DueState.Missing), (lift, InspectionType.LiftRiskAnalysis, 180, DueState.Missing)],
            owed.OrderBy(o => o.EquipmentId is not null).ThenBy(o => o.EquipmentId == boiler ? 0 : 1).ThenBy(o => o.Type));
        Assert.All(board.Obligations, o => Assert.False(string.IsNullOrWhiteSpace(o.Source)));

        // a certified maintenance contract: every 6 months
        Assert.True((await Inspections.SaveEquipmentAsync(s, w.BuildingA, lift, Lift(certified: true), Ct)).Succeeded);
        var visit = await PassedAsync(s, w.BuildingA, InspectionType.Lift, lift, Today.AddDays(-10));
        board = (await Inspections.BoardAsync(s, w.BuildingA, Ct)).Value;
        var liftVisit = board.Obligations.Single(o => o.Type == InspectionType.Lift);
        Assert.Equal((6, visit, Today.AddDays(-10).AddMonths(6), DueState.Valid), (liftVisit.PeriodMonths!.Value, liftVisit.LastInspectionId!.Value, liftVisit.DueOn!.Value, liftVisit.State));

        // a lift's visit is for a lift: not for the common parts as a whole
        var noLift = await Inspections.ScheduleAsync(s, w.BuildingA, new ScheduleInspectionInput { Type = InspectionType.Lift, ScheduledOn = Today }, Ct);
        Assert.Equal(("error.inspection_equipment_required", "EquipmentId"), (noLift.FirstError!.Code, noLift.FirstError.Field));

        // out of service: no more obligations for it, the history stays
        Assert.True((await Inspections.RetireEquipmentAsync(s, lift, Today, Ct)).Succeeded);
        board = (await Inspections.BoardAsync(s, w.BuildingA, Ct)).Value;
        Assert.DoesNotContain(board.Obligations, o => o.EquipmentId == lift);
        Assert.Contains(board.History, i => i.Id == visit);
        Assert.Equal("error.equipment_retired", (await Inspections.RetireEquipmentAsync(s, lift, Today, Ct)).FirstError!.Code);
    }

    [Fact]
    public async Task AFailure_IsDueAgainByItsReinspectionDate_AndTheLatestCompletedInspectionIsTheCurrentOne()
    {
        var w = await World.CreateAsync(fx, Ct);
        var s = w.Syndic;
        var old = await PassedAsync(s, w.BuildingA, InspectionType.Electrical, null, Today.AddYears(-4));
        var id = (await Inspections.ScheduleAsync(s, w.BuildingA, new ScheduleInspectionInput { Type = InspectionType.Electrical, ScheduledOn = Today, Inspector = "Vinçotte" }, Ct)).Value;
        Assert.True((await Inspections.StartAsync(s, id, Ct)).Succeeded);

        var noDefects = await Inspections.RecordResultAsync(s, id, new InspectionResultInput { Passed = false, InspectedOn = Today, ReinspectBy = Today.AddMonths(3) }, Ct);
        Assert.Equal(("error.inspection_defects", "Defects"), (noDefects.FirstError!.Code, noDefects.FirstError.Field));
        var before = await Inspections.RecordResultAsync(s, id, new InspectionResultInput { Passed = false, InspectedOn = Today, Defects = "Différentiel", ReinspectBy = Today }, Ct);
        Assert.Equal(("error.inspection_after", "ReinspectBy"), (before.FirstError!.Code, before.FirstError.Field));
        var future = await Inspections.RecordResultAsync(s, id, new InspectionResultInput { Passed = true, InspectedOn = Today.AddDays(1) }, Ct);
        Assert.Equal(("error.date_future", "InspectedOn"), (future.FirstError!.Code, future.FirstError.Field));
        Assert.True((await Inspections.RecordResultAsync(s, id, new InspectionResultInput { Passed = false, InspectedOn = Today, Defects = "Différentiel absent au local compteurs", ReinspectBy = Today.AddMonths(2) }, Ct)).Succeeded);
        Assert.Equal("error.inspection_status", (await Inspections.RecordResultAsync(s, id, new InspectionResultInput { Passed = true, InspectedOn = Today }, Ct)).FirstError!.Code);
        Assert.Equal("error.inspection_status", (await Inspections.CancelAsync(s, id, "trop tard", Ct)).FirstError!.Code);

        var board = (await Inspections.BoardAsync(s, w.BuildingA, Ct)).Value;
        var electrical = board.Obligations.Single(o => o.Type == InspectionType.Electrical);
        Assert.Equal((id, InspectionStatus.Failed, Today.AddMonths(2), DueState.Upcoming), (electrical.LastInspectionId!.Value, electrical.LastStatus!.Value, electrical.DueOn!.Value, electrical.State));
        Assert.True(board.History.Single(i => i.Id == old).Superseded);

        // an older inspection recorded afterwards is history at once
        var late = await PassedAsync(s, w.BuildingA, InspectionType.Electrical, null, Today.AddYears(-2));
        board = (await Inspections.BoardAsync(s, w.BuildingA, Ct)).Value;
        Assert.Equal(id, board.Obligations.Single(o => o.Type == InspectionType.Electrical).LastInspectionId);
        Assert.True(board.History.Single(i => i.Id == late).Superseded);

        // the re-inspection passes: valid for the rule's five years
        var again = await PassedAsync(s, w.BuildingA, InspectionType.Electrical, null, Today);
        electrical = (await Inspections.BoardAsync(s, w.BuildingA, Ct)).Value.Obligations.Single(o => o.Type == InspectionType.Electrical);
        Assert.Equal((again, Today.AddMonths(60), DueState.Valid), (electrical.LastInspectionId!.Value, electrical.DueOn!.Value, electrical.State));
    }

    [Fact]
    public async Task TheCertificate_IsAFileOfTheBuilding_AndAnInspectionNoRuleRequires_NeedsItsValidity()
    {
        var w = await World.CreateAsync(fx, Ct);
        var s = w.Syndic;
        var files = fx.Get<IFileService>();
        var other = (await files.UploadAsync(s, w.BuildingB, new MemoryStream("%PDF-1.7 B"u8.ToArray()), "b.pdf", FileUse.BuildingDocument, Ct, DocumentAudience.Board)).Value;
        var refused = await files.UploadAsync(s, w.BuildingA, new MemoryStream("not a certificate"u8.ToArray()), "cert.docx", FileUse.BuildingDocument, Ct, DocumentAudience.Board);
        Assert.Equal("error.file_type", refused.FirstError!.Code);
        var certificate = (await files.UploadAsync(s, w.BuildingA, new MemoryStream("%PDF-1.7 A"u8.ToArray()), "stabilite.pdf", FileUse.BuildingDocument, Ct, DocumentAudience.Board)).Value;

        var id = (await Inspections.ScheduleAsync(s, w.BuildingA, new ScheduleInspectionInput { Type = InspectionType.Structural, ScheduledOn = Today }, Ct)).Value;
        var wrongFile = await Inspections.RecordResultAsync(s, id, new InspectionResultInput { Passed = true, InspectedOn = Today, CertificateFileId = other, ValidUntil = Today.AddYears(5) }, Ct);
        Assert.Equal(("error.inspection_certificate", "CertificateFileId"), (wrongFile.FirstError!.Code, wrongFile.FirstError.Field));
        var noValidity = await Inspections.RecordResultAsync(s, id, new InspectionResultInput { Passed = true, InspectedOn = Today, CertificateFileId = certificate }, Ct);
        Assert.Equal(("error.inspection_validity", "ValidUntil"), (noValidity.FirstError!.Code, noValidity.FirstError.Field));
        Assert.True((await Inspections.RecordResultAsync(s, id, new InspectionResultInput { Passed = true, InspectedOn = Today, CertificateFileId = certificate, ValidUntil = Today.AddYears(5) }, Ct)).Succeeded);

        var structural = (await Inspections.BoardAsync(s, w.BuildingA, Ct)).Value.Obligations.Single(o => o.Type == InspectionType.Structural);
        Assert.Equal((certificate, Today.AddYears(5), (int?)null), (structural.CertificateFileId!.Value, structural.DueOn!.Value, structural.PeriodMonths));
        // the board reads the certificate; a co-owner does not
        Assert.True((await files.OpenAsync(w.BoardMemberA, certificate, Ct)).Succeeded);
        Assert.False((await files.OpenAsync(w.OwnerActorA, certificate, Ct)).Succeeded);
    }

    [Fact]
    public async Task OnlyTheSyndic_Changes_TheStaffRead_AndTheRuleTableIsTheSuperAdmins()
    {
        var w = await World.CreateAsync(fx, Ct);
        var s = w.Syndic;
        var lift = (await Inspections.SaveEquipmentAsync(s, w.BuildingA, null, Lift(true), Ct)).Value;
        var planned = (await Inspections.ScheduleAsync(s, w.BuildingA, new ScheduleInspectionInput { Type = InspectionType.Lift, EquipmentId = lift, ScheduledOn = Today }, Ct)).Value;
        foreach (var reader in new[] { w.BoardMemberA, w.Accountant })
        {
            Assert.True((await Inspections.BoardAsync(reader, w.BuildingA, Ct)).Succeeded);
            Assert.Equal(ErrorKind.Forbidden, (await Inspections.SaveEquipmentAsync(reader, w.BuildingA, null, Lift(true), Ct)).FirstError!.Kind);
            Assert.Equal(ErrorKind.Forbidden, (await Inspections.ScheduleAsync(reader, w.BuildingA, new ScheduleInspectionInput { Type = InspectionType.Electrical, ScheduledOn = Today }, Ct)).FirstError!.Kind);
            Assert.Equal(ErrorKind.Forbidden, (await Inspections.StartAsync(reader, planned, Ct)).FirstError!.Kind);
            Assert.Equal(ErrorKind.Forbidden, (await Inspections.CancelAsync(reader, planned, "non", Ct)).FirstError!.Kind);
            Assert.Equal(ErrorKind.Forbidden, (await Inspections.RetireEquipmentAsync(reader, lift, Today, Ct)).FirstError!.Kind);
        }
        // co-owners and tenants read the building, not its inspections
        Assert.Equal(ErrorKind.Forbidden, (await Inspections.BoardAsync(w.OwnerActorA, w.BuildingA, Ct)).FirstError!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Inspections.BoardAsync(w.TenantA, w.BuildingA, Ct)).FirstError!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await Inspections.DueAsync(w.OwnerActorA, w.OrganisationId, Ct)).FirstError!.Kind);
        // the organisation's list is its office's: the board follows its building's page
        Assert.Equal(ErrorKind.Forbidden, (await Inspections.DueAsync(w.BoardMemberA, w.OrganisationId, Ct)).FirstError!.Kind);
        var due = (await Inspections.DueAsync(w.Accountant, w.OrganisationId, Ct)).Value;
        Assert.Contains(due, o => (o.BuildingId, o.EquipmentId, o.Type, o.State, o.OpenInspectionId) == (w.BuildingA, lift, InspectionType.Lift, DueState.Missing, planned));
        Assert.Contains(due, o => (o.BuildingId, o.EquipmentId, o.Type, o.State) == (w.BuildingB, null, InspectionType.Electrical, DueState.Missing));

        Assert.Equal("error.required", (await Inspections.CancelAsync(s, planned, "  ", Ct)).FirstError!.Code);
        Assert.True((await Inspections.CancelAsync(s, planned, "Ascenseur à l'arrêt pour travaux", Ct)).Succeeded);

        var rules = (await Inspections.RulesAsync(s, Ct)).Value;
        Assert.Contains(rules, r => r.Values is { Type: InspectionType.Heating, Region: Core.Features.Buildings.Region.Wallonia, BelowPowerKw: 100, PeriodMonths: 36 });
        var epc = rules.First(r => r.Values.Type == InspectionType.Epc);
        Assert.Equal(ErrorKind.Forbidden, (await Inspections.SaveRuleAsync(s, epc.Id, epc.Values, Ct)).FirstError!.Kind);
        var mixed = new InspectionRuleInput { Type = InspectionType.Lift, Equipment = EquipmentKind.Lift, Fuel = BoilerFuel.Gas, PeriodMonths = 6, Source = "x" };
        Assert.Equal(("error.rule_condition_kind", "Fuel"), ((await Inspections.SaveRuleAsync(Actor.System, null, mixed, Ct)).FirstError!.Code, (await Inspections.SaveRuleAsync(Actor.System, null, mixed, Ct)).FirstError!.Field));
        Assert.Equal("error.rule_period", (await Inspections.SaveRuleAsync(Actor.System, null, new InspectionRuleInput { Type = InspectionType.Gas, PeriodMonths = 0, Source = "x" }, Ct)).FirstError!.Code);
    }

    [Fact]
    public async Task TheExpiryJob_Alerts_At90_60_30Days_OnTheDay_ThenWeekly_EachStageOnce_EvenTwoRunsAtOnce()
    {
        var w = await World.CreateAsync(fx, Ct);
        var s = w.Syndic;
        var lift = (await Inspections.SaveEquipmentAsync(s, w.BuildingA, null, Lift(true), Ct)).Value;
        // the certificate runs out 91 days from now
        await PassedAsync(s, w.BuildingA, InspectionType.Lift, lift, Today.AddDays(-30), validUntil: Today.AddDays(91));
        var job = () => fx.Get<CertificateExpiryJob>().RunAsync(Ct);
        var syndic = s.UserId!;
        var board = w.BoardMemberA.UserId!;

        var expiry = Today.AddDays(91);
        void MoveTo(int dayFromExpiry) => fx.Clock.SetUtcNow(BusinessTime.ToUtc(expiry.AddDays(dayFromExpiry), new TimeOnly(12, 0)));
        async Task At(int dayFromExpiry)
        {
            MoveTo(dayFromExpiry);
            await job();
        }

        await At(-91);
        Assert.Equal(0, await NoticesAsync(syndic, w.BuildingA));
        var expected = 0;
        foreach (var day in new[] { -90, -60, -30, 0, 7 })
        {
            MoveTo(day);
            await Task.WhenAll(Task.Run(job), Task.Run(job));           // two instances at once: one notice
            await job();                                                // and a later run the same day: none
            expected++;
            Assert.Equal(expected, await NoticesAsync(syndic, w.BuildingA));
            Assert.Equal(expected, await NoticesAsync(board, w.BuildingA));
        }
        await At(8);
        Assert.Equal(expected, await NoticesAsync(syndic, w.BuildingA));

        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        var link = $"/inspections?building={w.BuildingA}";
        var keys = await db.Notifications.Where(n => n.UserId == syndic && n.Link == link).OrderBy(n => n.CreatedAt).Select(n => new { n.TextKey, n.Args }).ToListAsync(Ct);
        Assert.Equal(["notify.certificate_expiring", "notify.certificate_expiring", "notify.certificate_expiring", "notify.certificate_expires_today", "notify.certificate_expired"],
            keys.Select(k => k.TextKey));
        Assert.Equal(["90", "60", "30", "0", "7"], keys.Select(k => k.Args[3]));
        Assert.Contains("Ascenseur A", keys[0].Args[1]);
        // and by email, in the outbox, to those who take email for system notices
        Assert.True(await db.OutboxEmails.CountAsync(m => m.TextBody.Contains(link), Ct) >= 5);

        // a newer certificate: the old one alerts no more
        await PassedAsync(s, w.BuildingA, InspectionType.Lift, lift, Today);
        await At(14);
        Assert.Equal(expected, await NoticesAsync(syndic, w.BuildingA));
    }
}
