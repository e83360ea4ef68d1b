using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KoproGo.E2E;

/// <summary>
/// A problem reported and fixed through the browser (SPEC §6.4): a co-owner reports a leak with a photo on a phone,
/// the syndic gives it to the heating contractor, the contractor starts and resolves it on a phone, the co-owner
/// files the work report, resolves it; the syndic approves the report; the co-owner closes the ticket and rates the resolution.
/// </summary>
[Collection(AppCollection.Name)]
public class TicketFlowTests(AppFixture app)
{
    /// <summary>A 1×1 PNG: the photo's type is read from its bytes.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    private static async Task<bool> FitsAsync(IPage page) => await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 390");

    [Fact]
    public async Task AnOwnerReportsALeakOnAPhone_TheSyndicAssignsIt_TheContractorResolvesIt_TheOwnerRatesIt()
    {
        var building = await app.BuildingIdAsync("residence-horta");
        var url = await MarieReportsALeakAsync(building, "Tache d'humidité au plafond de la cuisine", checkForm: true);

        await using (var syndic = await app.NewSessionAsync())
        {
            await syndic.SignInAsync("syndic@horta.be");
            await syndic.GotoAsync($"/tickets?building={building}");
            await Expect(syndic.Page.Locator("#ticket-list")).ToContainTextAsync("Tache d'humidité au plafond de la cuisine");
            await syndic.GotoAsync(url);
            await syndic.Page.GetByLabel("Entrepreneur").ClickAsync();
            await syndic.Page.GetByRole(AriaRole.Option, new() { Name = "Chauffage Wauters" }).ClickAsync();
            await syndic.Page.Locator("#assign-save").ClickAsync();
            await Expect(syndic.Page.Locator("#ticket-status")).ToContainTextAsync("Confié");
            await Expect(syndic.Page.Locator("#ticket-contractor")).ToContainTextAsync("Chauffage Wauters");
            await syndic.CheckAccessibilityAsync("ticket-syndic");
            syndic.AssertNoErrors();
        }

        await using (var wauters = await app.NewSessionAsync())
        {
            await wauters.Page.SetViewportSizeAsync(390, 844);
            await wauters.SignInAsync("chauffagiste@example.be");
            await wauters.GotoAsync("/tickets");
            await wauters.Page.GetByRole(AriaRole.Link, new() { Name = "Tache d'humidité au plafond de la cuisine" }).ClickAsync();
            await Expect(wauters.Page.Locator("#ticket-photos img")).ToHaveCountAsync(1);
            await wauters.Page.Locator("#ticket-start").ClickAsync();
            await Expect(wauters.Page.Locator("#ticket-status")).ToContainTextAsync("En cours");
            // the work report, on the phone: the work, the day and hours, one material; submitted to the syndic
            await wauters.Page.Locator("#report-work").FillAsync("Joint silicone de la baignoire du 3e refait, colonne contrôlée.");
            await wauters.Page.Locator("#report-day").FillAsync(DateTime.Today.ToString("d", System.Globalization.CultureInfo.GetCultureInfo("fr-BE")));
            await wauters.Page.Locator("#report-day").PressAsync("Tab");
            await wauters.Page.Locator("#report-from").FillAsync("08:00");
            await wauters.Page.Locator("#report-to").FillAsync("10:30");
            await wauters.Page.Locator("#report-hours").FillAsync("2,5");
            await wauters.Page.Locator("#report-add-material").ClickAsync();
            await wauters.Page.Locator(".material-name-0 input").FillAsync("Silicone sanitaire");
            await wauters.Page.Locator(".material-qty-0 input").FillAsync("2");
            await wauters.Page.Locator(".material-price-0 input").FillAsync("7,45");
            await wauters.Page.Locator("#report-save").ClickAsync();
            await Expect(wauters.Page.Locator("#report-status")).ToContainTextAsync("Brouillon");
            await wauters.Page.Locator("#report-submit").ClickAsync();
            await Expect(wauters.Page.Locator("#report-status")).ToContainTextAsync("Soumis");
            await Expect(wauters.Page.Locator("#report-total")).ToContainTextAsync("14,90");
            await wauters.Page.Locator("#ticket-message").FillAsync("Joint de la baignoire du 3e refait ; laisser sécher une semaine avant de repeindre.");
            await wauters.Page.Locator("#ticket-resolve").ClickAsync();
            await Expect(wauters.Page.Locator("#ticket-status")).ToContainTextAsync("Résolu");
            await Expect(wauters.Page.Locator("#ticket-thread")).ToContainTextAsync("Joint de la baignoire");
            Assert.True(await FitsAsync(wauters.Page), "the ticket page is wider than the phone");
            await wauters.CheckAccessibilityAsync("ticket-contractor-phone");
            wauters.AssertNoErrors();
        }

        await using (var syndic = await app.NewSessionAsync())
        {
            await syndic.SignInAsync("syndic@horta.be");
            await syndic.GotoAsync(url);
            await Expect(syndic.Page.Locator("#report-materials")).ToContainTextAsync("Silicone sanitaire");
            await syndic.Page.Locator("#report-approve").ClickAsync();
            await Expect(syndic.Page.Locator("#report-status")).ToContainTextAsync("Approuvé");
            syndic.AssertNoErrors();
        }

        await using (var marie = await app.NewSessionAsync())
        {
            await marie.Page.SetViewportSizeAsync(390, 844);
            await marie.SignInAsync("marie.dubois@example.be");
            await marie.GotoAsync(url);
            await Expect(marie.Page.Locator("#work-report")).ToHaveCountAsync(0);     // prices are between the syndic and the contractor
            await marie.Page.Locator("#ticket-close").ClickAsync();
            await Expect(marie.Page.Locator("#ticket-status")).ToContainTextAsync("Clôturé");
            await marie.Page.Locator(".ticket-rate-5").ClickAsync();
            await Expect(marie.Page.Locator("#ticket-rated")).ToContainTextAsync("5 sur 5");
            marie.AssertNoErrors();
        }

        // the building's logbook has the job, with the approved report
        await using (var syndic = await app.NewSessionAsync())
        {
            await syndic.SignInAsync("syndic@horta.be");
            await syndic.GotoAsync($"/logbook?building={building}");
            var job = syndic.Page.Locator(".logbook-row[data-kind=Works]", new() { HasText = "Tache d'humidité au plafond de la cuisine" });
            await Expect(job).ToContainTextAsync("matériaux 14,90 €");
            await Expect(job).ToContainTextAsync("Joint silicone de la baignoire");
            await syndic.CheckAccessibilityAsync("logbook");
            syndic.AssertNoErrors();
        }
    }

    /// <summary>Marie Dubois reports a leak with a photo on her phone; the ticket's path. The first time, the form is also checked: refused without a description, fits the phone, accessible.</summary>
    private async Task<string> MarieReportsALeakAsync(Guid building, string title, bool checkForm = false)
    {
        await using var marie = await app.NewSessionAsync();
        await marie.Page.SetViewportSizeAsync(390, 844);
        await marie.SignInAsync("marie.dubois@example.be");
        await marie.GotoAsync($"/tickets?building={building}");
        await marie.Page.GetByLabel("Type de problème").ClickAsync();
        await marie.Page.GetByRole(AriaRole.Option, new() { Name = "Fuite, infiltration" }).ClickAsync();
        await marie.Page.Locator("#ticket-title").FillAsync(title);
        if (checkForm)
        {
            // sent without a description: refused, with the field said
            await marie.Page.Locator("#ticket-send").ClickAsync();
            await Expect(marie.Page.Locator(".mud-snackbar").Last).ToContainTextAsync("obligatoire");
        }
        await marie.Page.Locator("#ticket-description").FillAsync("Elle s'étend depuis la pluie de dimanche, sous la salle de bain du voisin.");
        await marie.Page.Locator("#ticket-new input[type=file]").SetInputFilesAsync(new FilePayload { Name = "plafond.png", MimeType = "image/png", Buffer = Png });
        await Expect(marie.Page.Locator("#ticket-new img")).ToHaveCountAsync(1);
        if (checkForm)
        {
            Assert.True(await FitsAsync(marie.Page), "the report form is wider than the phone");
            await marie.CheckAccessibilityAsync("ticket-report-phone");
        }
        await marie.Page.Locator("#ticket-send").ClickAsync();
        await marie.Page.WaitForURLAsync(u => u.Contains("/tickets/", StringComparison.Ordinal));
        await Expect(marie.Page.Locator("#ticket-status")).ToContainTextAsync("Ouvert");
        await Expect(marie.Page.Locator("#ticket-photos img")).ToHaveCountAsync(1);
        marie.AssertNoErrors();
        return new Uri(marie.Page.Url).AbsolutePath;
    }

    [Fact]
    public async Task AContractorWithoutAnAccount_FilesTheReportThroughTheLinkOnAPhone_TheSyndicApprovesItAndTheInvoice_TheLogbookShowsIt()
    {
        var building = await app.BuildingIdAsync("residence-horta");
        const string title = "Fuite sous l'évier de la conciergerie";
        var url = await MarieReportsALeakAsync(building, title);

        // the syndic gives the job to a plumber without an account: the link is shown once, to pass on
        string link;
        await using (var syndic = await app.NewSessionAsync())
        {
            await syndic.SignInAsync("syndic@horta.be");
            await syndic.GotoAsync(url);
            await syndic.Page.Locator("#report-link-name").FillAsync("Plomberie Léon");
            await syndic.Page.Locator("#report-link-email").FillAsync("leon@plomberie.example.be");
            await syndic.Page.Locator("#report-link-issue").ClickAsync();
            await Expect(syndic.Page.Locator("#ticket-status")).ToContainTextAsync("Confié");
            await Expect(syndic.Page.Locator("#ticket-contractor")).ToContainTextAsync("Plomberie Léon");
            await Expect(syndic.Page.Locator("#report-link-state")).ToContainTextAsync("Lien envoyé à Plomberie Léon");
            link = await syndic.Page.Locator("#report-link-url").InputValueAsync();
            Assert.Contains("/report?token=", link, StringComparison.Ordinal);
            await syndic.CheckAccessibilityAsync("ticket-report-link");
            syndic.AssertNoErrors();
        }

        // the plumber, signed in nowhere, on a phone: the job, then the report; sent once
        await using (var plumber = await app.NewSessionAsync())
        {
            await plumber.Page.SetViewportSizeAsync(390, 844);
            await plumber.GotoAsync(new Uri(link).PathAndQuery);
            await Expect(plumber.Page.Locator("#report-link-job")).ToContainTextAsync(title);
            await plumber.Page.Locator("#report-link-send").ClickAsync();
            await Expect(plumber.Page.Locator(".mud-snackbar").Last).ToContainTextAsync("obligatoire");
            await plumber.Page.Locator("#report-work").FillAsync("Raccord du siphon remplacé, écoulement contrôlé.");
            await plumber.Page.Locator("#report-day").FillAsync(DateTime.Today.ToString("d", System.Globalization.CultureInfo.GetCultureInfo("fr-BE")));
            await plumber.Page.Locator("#report-day").PressAsync("Tab");
            await plumber.Page.Locator("#report-from").FillAsync("09:00");
            await plumber.Page.Locator("#report-to").FillAsync("10:00");
            await plumber.Page.Locator("#report-hours").FillAsync("1");
            await plumber.Page.Locator("#report-add-material").ClickAsync();
            await plumber.Page.Locator(".material-name-0 input").FillAsync("Raccord laiton");
            await plumber.Page.Locator(".material-qty-0 input").FillAsync("1");
            await plumber.Page.Locator(".material-price-0 input").FillAsync("18,60");
            Assert.True(await FitsAsync(plumber.Page), "the link's page is wider than the phone");
            await plumber.CheckAccessibilityAsync("report-link-phone");
            await plumber.Page.Locator("#report-link-send").ClickAsync();
            await Expect(plumber.Page.Locator("#report-link-sent")).ToBeVisibleAsync();
            // used: the same link opens nothing now
            await plumber.GotoAsync(new Uri(link).PathAndQuery);
            await Expect(plumber.Page.Locator("#report-link-invalid")).ToBeVisibleAsync();
            // in Dutch, the same page says so in Dutch, without a raw key
            await plumber.GotoAsync($"/culture/set?culture=nl-BE&redirectUri={Uri.EscapeDataString(new Uri(link).PathAndQuery)}");
            await Expect(plumber.Page.Locator("main")).ToContainTextAsync("Interventieverslag");
            await Expect(plumber.Page.Locator("#report-link-invalid")).ToContainTextAsync("niet meer geldig");
            Assert.DoesNotMatch(@"\b(ui|enum|error)\.[A-Za-z_]+", await plumber.Page.Locator("main").InnerTextAsync());
            plumber.AssertNoErrors();
        }

        await using (var syndic = await app.NewSessionAsync())
        {
            await syndic.SignInAsync("syndic@horta.be");
            await syndic.GotoAsync(url);
            await Expect(syndic.Page.Locator("#report-link-state")).ToContainTextAsync("Rapport déposé par Plomberie Léon");
            await Expect(syndic.Page.Locator("#report-materials")).ToContainTextAsync("Raccord laiton");
            await syndic.Page.Locator("#report-approve").ClickAsync();
            await Expect(syndic.Page.Locator("#report-status")).ToContainTextAsync("Approuvé");
            await syndic.Page.Locator("#ticket-resolve").ClickAsync();
            await Expect(syndic.Page.Locator("#ticket-status")).ToContainTextAsync("Résolu");

            // the plumber's invoice on the works account, with the approved report: approved
            var page = syndic.Page;
            await syndic.GotoAsync($"/buildings/{building}/accounting?tab=invoices");
            await page.Locator("#new-invoice").ClickAsync();
            async Task PickAsync(string select, string option)
            {
                await page.Locator(select).ClickAsync();
                await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = option }).First.ClickAsync();
            }
            await PickAsync("#invoice-supplier", "Schindler");
            await page.Locator("#invoice-number").FillAsync("LEON-2026-17");
            await page.Locator(".iline-desc-0 input").FillAsync("Réparation fuite conciergerie");
            await PickAsync(".iline-account-0", "611");
            await page.Locator(".iline-excl-0 input").FillAsync("100");
            await page.Locator(".iline-excl-0 input").BlurAsync();
            await page.Locator("#invoice-declared").FillAsync("121");
            await page.Locator("#invoice-declared").BlurAsync();
            // a select that shows an item (here "none") hides its input: click the field around it
            await PickAsync("#invoice-work-report >> xpath=..", title);
            // the choice is taken before the form is saved
            await Expect(page.Locator("#invoice-work-report >> xpath=..")).ToContainTextAsync(title);
            await Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
            await page.Locator("#invoice-save").ClickAsync();
            var row = page.Locator("#invoice-LEON-2026-17");
            await Expect(row.Locator(".invoice-work-report")).ToContainTextAsync("Approuvé");
            await row.Locator(".submit-invoice").ClickAsync();
            await row.Locator(".approve-invoice").ClickAsync();
            await Expect(row).ToContainTextAsync("Approuvée");

            await syndic.GotoAsync($"/logbook?building={building}");
            var job = syndic.Page.Locator(".logbook-row[data-kind=Works]", new() { HasText = title });
            await Expect(job).ToContainTextAsync("Plomberie Léon");
            await Expect(job).ToContainTextAsync("matériaux 18,60 €");

            // the works' warranty from their acceptance, chosen from the ticket; then the logbook as a PDF
            await PickAsync("#warranty-ticket >> xpath=..", title);
            await Expect(page.Locator("#warranty-contractor")).ToHaveValueAsync("Plomberie Léon");
            await page.Locator("#warranty-accepted").FillAsync(DateTime.Today.ToString("d", System.Globalization.CultureInfo.GetCultureInfo("fr-BE")));
            await page.Locator("#warranty-accepted").PressAsync("Tab");
            await PickAsync("#warranty-kind >> xpath=..", "2 ans");
            await page.Locator("#warranty-save").ClickAsync();
            var warranty = page.Locator(".warranty-row", new() { HasText = title });
            await Expect(warranty).ToContainTextAsync("Plomberie Léon");
            await Expect(warranty).ToContainTextAsync("En cours");
            await syndic.CheckAccessibilityAsync("logbook-warranties");
            var response = await page.APIRequest.GetAsync($"{app.BaseUrl}/buildings/{building}/logbook.pdf?lang=fr-BE");
            Assert.Equal("application/pdf", response.Headers["content-type"]);
            using (var pdf = UglyToad.PdfPig.PdfDocument.Open(await response.BodyAsync()))
            {
                var text = string.Join("\n", pdf.GetPages().Select(p => p.Text));
                Assert.Contains("Carnet d'entretien", text, StringComparison.Ordinal);
                Assert.Contains("Plomberie Léon", text, StringComparison.Ordinal);
                Assert.Contains("18,60", text, StringComparison.Ordinal);
            }
            syndic.AssertNoErrors();
        }
    }

    [Fact]
    public async Task InDutch_TheOwnerTheSyndicAndTheContractor_WalkTheOperationsPages_WithoutARawKey()
    {
        var building = await app.BuildingIdAsync("residence-horta");
        var hall = await app.ScalarAsync<Guid>("SELECT id FROM tickets WHERE building_id = @p0 AND title LIKE 'Éclairage du hall%'", building);
        var radiator = await app.ScalarAsync<Guid>("SELECT id FROM tickets WHERE building_id = @p0 AND title LIKE 'Radiateur froid%'", building);
        async Task WalkAsync(Session s, (string Path, string Content)[] pages, bool phone)
        {
            foreach (var (path, content) in pages)
            {
                await s.GotoAsync($"/culture/set?culture=nl-BE&redirectUri={Uri.EscapeDataString(path)}");
                await Expect(s.Page.Locator("main")).ToContainTextAsync(content);
                Assert.DoesNotMatch(@"\b(ui|enum|error|notify)\.[A-Za-z_]+", await s.Page.Locator("main").InnerTextAsync());
                if (phone)
                    Assert.True(await FitsAsync(s.Page), path + " is wider than the phone");
            }
            s.AssertNoErrors();
        }

        await using (var owner = await app.NewSessionAsync())
        {
            await owner.Page.SetViewportSizeAsync(390, 844);
            await owner.SignInAsync("marie.dubois@example.be");
            await WalkAsync(owner, [($"/tickets?building={building}", "Een probleem melden"), ($"/tickets/{hall}", "Opvolging")], phone: true);
            await owner.CheckAccessibilityAsync("nl-ticket-owner-phone");
        }
        await using (var syndic = await app.NewSessionAsync())
        {
            await syndic.SignInAsync("syndic@horta.be");
            await WalkAsync(syndic,
            [
                ("/", "Te doen"),
                ($"/inspections?building={building}", "Verplichtingen van het gebouw"),
                ("/inspections/due", "Vervaldagen van keuringen"),
                ("/inspections/rules", "Keuringsregels"),
                ($"/logbook?building={building}", "Onderhoudsboekje"),
                ($"/tickets?building={building}", "Meldingen van het gebouw"),
                ($"/tickets/{radiator}", "Interventieverslag"),
            ], phone: false);
        }
        await using (var contractor = await app.NewSessionAsync())
        {
            await contractor.Page.SetViewportSizeAsync(390, 844);
            await contractor.SignInAsync("chauffagiste@example.be");
            await WalkAsync(contractor, [("/tickets", "De opdrachten die de syndici u gaven"), ($"/tickets/{radiator}", "Uitgevoerde werken")], phone: true);
        }
    }
}
