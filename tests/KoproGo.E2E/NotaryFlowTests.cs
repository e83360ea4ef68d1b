using System.Globalization;
using static Microsoft.Playwright.Assertions;

namespace KoproGo.E2E;

/// <summary>
/// The information to the notary in the browser (SPEC §6.1): the syndic records a dispute in the register, opens
/// Maître Vandenberghe's request for lot A5, says "none" where the app holds nothing (generation is refused before),
/// adds a remark, draws the PDF — read back: its sections, the dispute, the remark — and sends it to the notary.
/// </summary>
[Collection(AppCollection.Name)]
public class NotaryFlowTests(AppFixture app)
{
    [Fact]
    public async Task TheSyndicAnswersTheNotarysRequest_FromTheData_AndSendsThePack()
    {
        var building = await app.BuildingIdAsync("residence-horta");
        await using var syndic = await app.NewSessionAsync();
        var page = syndic.Page;
        await syndic.SignInAsync("syndic@horta.be");
        await syndic.GotoAsync($"/notary?building={building}");
        var row = page.Locator(".notary-row").Filter(new() { HasText = "lot A5" });
        var due = DateOnly.FromDateTime(DateTime.Today).AddDays(11).ToString("d", CultureInfo.GetCultureInfo("fr-BE"));
        await Expect(row).ToContainTextAsync($"réponse pour le {due}");
        await Expect(page.Locator("#legal-cases")).ToContainTextAsync("Infiltrations par la toiture après réfection");
        await syndic.CheckAccessibilityAsync("notary");

        await page.Locator("#new-case").ClickAsync();
        await page.Locator("#case-subject").FillAsync("Recouvrement de charges impayées");
        await page.Locator("#case-party").FillAsync("Ancien propriétaire du lot C3");
        await page.Locator("#case-opened").FillAsync(DateTime.Today.AddDays(-30).ToString("d", CultureInfo.GetCultureInfo("fr-BE")));
        await page.Locator("#case-opened").PressAsync("Tab");
        await page.Locator("#case-save").ClickAsync();
        await Expect(page.Locator(".legal-case").Filter(new() { HasText = "Recouvrement de charges impayées" })).ToHaveCountAsync(1);

        await row.GetByRole(Microsoft.Playwright.AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/notary/", StringComparison.Ordinal));
        await Expect(page.Locator("#notary-due")).ToContainTextAsync(due);
        await Expect(page.Locator(".notary-section[data-section='7']")).ToContainTextAsync("Recouvrement de charges impayées");
        await Expect(page.Locator(".notary-section[data-section='10']")).ToContainTextAsync("statuts-horta.pdf");
        await Expect(page.Locator(".notary-section[data-section='5'] .notary-amount")).ToHaveCountAsync(1);
        await Expect(page.Locator("#notary-missing")).ToBeVisibleAsync();
        await syndic.CheckAccessibilityAsync("notary-request");

        // generation is refused while a register says nothing, with the list
        await page.Locator("#notary-generate").ClickAsync();
        await Expect(page.Locator(".mud-alert-text-error, .mud-snackbar").Filter(new() { HasText = "néant" }).First).ToBeVisibleAsync();
        var missing = page.Locator(".notary-section[data-missing='true']");
        for (var left = await missing.CountAsync(); left > 0; left--)
        {
            await missing.First.Locator(".notary-none").ClickAsync();
            await Expect(missing).ToHaveCountAsync(left - 1);
        }
        await Expect(page.Locator("#notary-missing")).ToHaveCountAsync(0);
        await page.Locator(".notary-section[data-section='7'] .notary-remark").ClickAsync();
        await page.Locator("#section-note").FillAsync("Une expertise amiable est en cours avec Toitures Dupont SRL.");
        await page.Locator("#section-save").ClickAsync();
        await Expect(page.Locator(".notary-section[data-section='7'] .notary-note")).ToContainTextAsync("expertise amiable");

        await page.Locator("#notary-generate").ClickAsync();
        await Expect(page.Locator("#notary-status")).ToContainTextAsync("Générée");
        var text = await PdfTextAsync(page, await page.Locator("#notary-download").GetAttributeAsync("href"));
        Assert.Contains("Informations au notaire", text, StringComparison.Ordinal);
        Assert.Contains("16. Coordonnées du syndic", text, StringComparison.Ordinal);
        Assert.Contains("Recouvrement de charges impayées", text, StringComparison.Ordinal);
        Assert.Contains("expertise amiable", text, StringComparison.Ordinal);
        Assert.Contains("Lucas et Emma Martin", text, StringComparison.Ordinal);

        await page.Locator("#notary-deliver").ClickAsync();
        await Expect(page.Locator("#notary-status")).ToContainTextAsync("Envoyée");
        await Expect(page.Locator("#notary-generate")).ToHaveCountAsync(0);
        await syndic.CheckAccessibilityAsync("notary-delivered");

        // the home page's to-do list: the request is answered; the owners behind since the third quarter are there,
        // and their line opens the accounting page on its arrears tab
        await syndic.GotoAsync("/");
        await Expect(page.Locator(".todo-row[data-kind=NotaryDue]")).ToHaveCountAsync(0);
        var arrears = page.Locator(".todo-row[data-kind=Arrears]").First;
        await Expect(arrears).ToContainTextAsync("copropriétaire(s)");
        await arrears.GetByRole(Microsoft.Playwright.AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("tab=arrears", StringComparison.Ordinal));
        await Expect(page.Locator("#interest-rule")).ToBeVisibleAsync();
        syndic.AssertNoErrors();
    }

    [Fact]
    public async Task InDutch_TheSyndicAndAnOwner_WalkTheNewPages_WithoutARawKey()
    {
        var building = await app.BuildingIdAsync("residence-horta");
        var request = await app.ScalarAsync<Guid>("SELECT id FROM notary_requests WHERE building_id = @p0 LIMIT 1", building);
        async Task WalkAsync(Session s, (string Path, string Content)[] pages, bool phone)
        {
            foreach (var (path, content) in pages)
            {
                await s.GotoAsync($"/culture/set?culture=nl-BE&redirectUri={Uri.EscapeDataString(path)}");
                await Expect(s.Page.Locator("main")).ToContainTextAsync(content);
                Assert.DoesNotMatch(@"\b(ui|enum|error|notify|notary)\.[A-Za-z_]+", await s.Page.Locator("main").InnerTextAsync());
                if (phone)
                    Assert.True(await s.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 390"), path + " is wider than the phone");
            }
            s.AssertNoErrors();
        }

        await using (var syndic = await app.NewSessionAsync())
        {
            await syndic.SignInAsync("syndic@horta.be");
            await WalkAsync(syndic,
            [
                ($"/notary?building={building}", "Geschillen en procedures"),
                ($"/notary/{request}", "Identificatie van het gebouw en de kavel"),
                ($"/buildings/{building}", "Soort document"),
                ($"/buildings/{building}/accounting?tab=arrears", "Achterstallen"),
            ], phone: false);
            await syndic.CheckAccessibilityAsync("nl-notary-request");
        }
        await using (var owner = await app.NewSessionAsync())
        {
            await owner.Page.SetViewportSizeAsync(390, 844);
            await owner.SignInAsync("marie.dubois@example.be");
            await WalkAsync(owner, [("/", "Mijn overzicht")], phone: true);
        }
    }

    private async Task<string> PdfTextAsync(Microsoft.Playwright.IPage page, string? href)
    {
        var response = await page.APIRequest.GetAsync(app.BaseUrl + href);
        Assert.Equal("application/pdf", response.Headers["content-type"]);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(await response.BodyAsync());
        return string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text)).Replace('\u202f', ' ').Replace('\u00a0', ' ');
    }
}
