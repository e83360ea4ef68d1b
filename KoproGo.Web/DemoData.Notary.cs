using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Documents;
using KoproGo.Core.Features.Files;
using KoproGo.Core.Features.Notary;
using KoproGo.Core.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.Web;

public sealed partial class DemoData
{
    /// <summary>
    /// What the notary's information of Résidence Horta draws on, and a request to answer: the statutes, the internal
    /// rules and the fire policy in the library (each with its kind), a dispute over the roof's leaks, and Maître
    /// Vandenberghe's §1 request for lot A5, received four days ago — eleven days left.
    /// </summary>
    private async Task SeedNotaryAsync(Guid buildingId, CancellationToken ct)
    {
        var files = services.GetRequiredService<IFileService>();
        var notary = services.GetRequiredService<INotaryService>();
        static T Ok<T>(Result<T> r) => r.Succeeded ? r.Value : throw new InvalidOperationException("demo notary failed: " + r.FirstError!.Code);
        var fr = System.Globalization.CultureInfo.GetCultureInfo("fr-BE");
        Guid unitId;
        Letterhead head;
        await using (var db = await dbFactory.CreateAsync(ct))
        {
            var building = await db.Buildings.AsNoTracking().FirstAsync(b => b.Id == buildingId, ct);
            var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == building.OrganisationId, ct);
            head = Letterhead.For(organisation, building);
            unitId = await db.Units.Where(u => u.BuildingId == buildingId && u.Number == "A5").Select(u => u.Id).FirstAsync(ct);
        }
        (string File, string Title, DocumentKind Kind, DocumentAudience Audience)[] documents =
        [
            ("statuts-horta.pdf", "Statuts coordonnés — acte de base", DocumentKind.Statutes, DocumentAudience.Owners),
            ("roi-horta.pdf", "Règlement d'ordre intérieur", DocumentKind.InternalRules, DocumentAudience.Residents),
            ("police-incendie-horta.pdf", "Police d'assurance incendie — immeuble", DocumentKind.Insurance, DocumentAudience.Owners),
            ("contrat-ascenseur-horta.pdf", "Contrat d'entretien de l'ascenseur", DocumentKind.ServiceContract, DocumentAudience.Board),
        ];
        foreach (var d in documents)
        {
            using var pdf = new LetterheadDocument(head, d.Title, fr, clock.GetUtcNow());
            pdf.Paragraph(d.Title + " (document de démonstration).", pdf.Body);
            Ok(await files.UploadBuildingDocumentAsync(Actor.System, buildingId, new MemoryStream(pdf.Save()), d.File, ct, d.Audience, d.Kind));
        }
        Ok(await notary.SaveCaseAsync(Actor.System, buildingId, null, new LegalCaseInput
        {
            Kind = LegalCaseKind.Dispute,
            Subject = "Infiltrations par la toiture après réfection",
            Counterparty = "Toitures Dupont SRL",
            OpenedOn = clock.Today().AddMonths(-5),
            AmountAtStake = 3_850m,
        }, ct));
        Ok(await notary.ReceiveAsync(Actor.System, buildingId, new NotaryRequestInput
        {
            UnitId = unitId,
            Stage = NotaryStage.First,
            ReceivedOn = clock.Today().AddDays(-4),
            NotaryName = "Maître Sophie Vandenberghe, notaire à Ixelles",
            NotaryEmail = "etude.vandenberghe@notaire.example",
            BuyerName = "Lucas et Emma Martin",
            TransferOn = clock.Today().AddDays(75),
        }, ct));
    }
}
