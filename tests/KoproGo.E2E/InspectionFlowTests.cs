using System.Globalization;
using static Microsoft.Playwright.Assertions;

namespace KoproGo.E2E;

/// <summary>
/// Technical inspections in the browser (SPEC §6.2): the syndic sees what Résidence Horta owes and in which state, records
/// the boiler's re-inspection with its certificate (a PDF uploaded in the dialog), and the obligation is valid again
/// with the certificate one click away; the organisation's list keeps the expired extinguishers.
/// </summary>
[Collection(AppCollection.Name)]
public class InspectionFlowTests(AppFixture app)
{
    [Fact]
    public async Task TheSyndicRecordsTheBoilersReinspection_WithItsCertificate_AndTheBoardIsValidAgain()
    {
        var building = await app.BuildingIdAsync("residence-horta");
        await using var syndic = await app.NewSessionAsync();
        await syndic.SignInAsync("syndic@horta.be");
        await syndic.GotoAsync($"/inspections?building={building}");
        var heating = syndic.Page.Locator(".obligation[data-type=Heating]");
        await Expect(heating).ToHaveAttributeAsync("data-state", "Upcoming");
        await Expect(heating).ToContainTextAsync("Non conforme");
        await Expect(syndic.Page.Locator(".obligation[data-type=FireSafety]")).ToHaveAttributeAsync("data-state", "Expired");
        await Expect(syndic.Page.Locator(".obligation[data-type=LiftRiskAnalysis]")).ToHaveAttributeAsync("data-state", "Missing");
        await Expect(syndic.Page.Locator(".obligation[data-type=Lift] .obligation-rule")).ToContainTextAsync("Tous les 6 mois");
        await syndic.CheckAccessibilityAsync("inspections");

        await heating.Locator(".record-result").ClickAsync();
        var today = DateTime.Today.ToString("d", CultureInfo.GetCultureInfo("fr-BE"));
        await syndic.Page.Locator("#result-date").FillAsync(today);
        await syndic.Page.Locator("#result-date").PressAsync("Tab");
        // a file that is not a PDF or an image is refused, with the reason
        await syndic.Page.Locator("#certificate-file").SetInputFilesAsync(new Microsoft.Playwright.FilePayload { Name = "certificat.docx", MimeType = "application/pdf", Buffer = "PK not a pdf"u8.ToArray() });
        await Expect(syndic.Page.Locator(".mud-snackbar").Last).ToContainTextAsync("PDF");
        await syndic.Page.Locator("#certificate-file").SetInputFilesAsync(new Microsoft.Playwright.FilePayload { Name = "attestation-chaudiere.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.7\n% certificat d'entretien\n"u8.ToArray() });
        await Expect(syndic.Page.Locator("#certificate-attached")).ToContainTextAsync("attestation-chaudiere.pdf");
        await syndic.Page.Locator("#result-save").ClickAsync();

        await Expect(heating).ToHaveAttributeAsync("data-state", "Valid");
        await Expect(heating).ToContainTextAsync("Conforme");
        var due = DateOnly.FromDateTime(DateTime.Today).AddMonths(24).ToString("d", CultureInfo.GetCultureInfo("fr-BE"));
        await Expect(heating.Locator(".obligation-due")).ToContainTextAsync(due);
        await Expect(heating.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Certificat" })).ToHaveCountAsync(1);
        await Expect(syndic.Page.Locator("#inspection-history .inspection-row[data-status=Passed]").First).ToContainTextAsync("Chaudière collective Vaillant");

        await syndic.GotoAsync("/inspections/due");
        await Expect(syndic.Page.Locator(".due-row[data-state=Expired]").First).ToContainTextAsync("Résidence Horta");
        await Expect(syndic.Page.Locator("#due-list")).Not.ToContainTextAsync("Chaudière collective Vaillant");
        await syndic.CheckAccessibilityAsync("inspections-due");

        // the home page's to-do list names the expired extinguishers and opens the building's inspections
        await syndic.GotoAsync("/");
        var expired = syndic.Page.Locator(".todo-row[data-kind=CertificateExpired]").First;
        await Expect(expired).ToContainTextAsync("Équipement incendie — Extincteurs et dévidoirs (6)");
        await syndic.CheckAccessibilityAsync("home-todo");
        await expired.GetByRole(Microsoft.Playwright.AriaRole.Link).ClickAsync();
        await syndic.Page.WaitForURLAsync(u => u.Contains("/inspections?building=", StringComparison.Ordinal));
        await syndic.CheckAccessibilityAsync("inspections-from-todo");
        syndic.AssertNoErrors();
    }
}
