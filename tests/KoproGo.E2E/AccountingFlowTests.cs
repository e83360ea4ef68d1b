using static Microsoft.Playwright.Assertions;

namespace KoproGo.E2E;

[Collection(AppCollection.Name)]
public class AccountingFlowTests(AppFixture app)
{
    [Fact]
    public async Task Syndic_PostsAnEntry_SeesItInTheJournalAndTrialBalance_AndExportsTheCsv()
    {
        await using var s = await app.NewSessionAsync();
        var page = s.Page;
        await s.SignInAsync("syndic@horta.be");
        var building = await app.BuildingIdAsync("residence-horta");
        await s.GotoAsync($"/buildings/{building}/accounting");
        await Expect(page.Locator("#journal-grid tbody tr").First).ToContainTextAsync("-");
        await s.CheckAccessibilityAsync("accounting-journal");

        await page.Locator("#new-entry").ClickAsync();
        await page.Locator("#entry-description").FillAsync("Remplacement ampoules hall");
        async Task AccountAsync(int line, string code)
        {
            var input = page.Locator($".line-account-{line} input");
            await input.ClickAsync();
            await input.FillAsync(code);
            await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = code }).First.ClickAsync();
        }
        await AccountAsync(0, "610");
        await page.Locator(".line-debit-0 input").FillAsync("125,50");
        await AccountAsync(1, "551");
        await page.Locator(".line-credit-1 input").FillAsync("125");
        await page.Locator(".line-credit-1 input").BlurAsync();
        await Expect(page.Locator("#balance-state")).ToContainTextAsync("0,50");
        await page.Locator("#post-entry").ClickAsync();
        await Expect(page.Locator("#entry-errors")).ToContainTextAsync("0,50");          // refused, nothing saved
        await page.Locator(".line-credit-1 input").FillAsync("125,50");
        await page.Locator(".line-credit-1 input").BlurAsync();
        await Expect(page.Locator("#balance-state")).ToContainTextAsync("Équilibrée");
        await s.CheckAccessibilityAsync("accounting-entry");
        await page.Locator("#post-entry").ClickAsync();
        await Expect(page.Locator("#journal-grid")).ToContainTextAsync("Remplacement ampoules hall");

        await page.GetByRole(Microsoft.Playwright.AriaRole.Tab, new() { Name = "Rapports" }).ClickAsync();
        await Expect(page.Locator("#report-table")).ToContainTextAsync("610");
        await Expect(page.Locator("#report-table")).ToContainTextAsync("Entretien et réparations");
        await s.CheckAccessibilityAsync("accounting-reports");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download-csv").ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!, TestContext.Current.CancellationToken);
        Assert.Contains("610;Entretien et réparations", csv, StringComparison.Ordinal);
        Assert.Contains("610;Entretien et réparations;1105,50;0,00;1105,50", csv, StringComparison.Ordinal);   // 980.00 of the demo + 125.50
        s.AssertNoErrors();
    }

    [Fact]
    public async Task Owner_ReadsTheirOwnAccountStatement()
    {
        await using var s = await app.NewSessionAsync();
        var page = s.Page;
        await s.SignInAsync("marie.dubois@example.be");
        await s.GotoAsync("/my-account");
        await Expect(page.Locator(".my-statement").First).ToContainTextAsync("Appel de fonds T1");
        await s.CheckAccessibilityAsync("my-account");
        s.AssertNoErrors();
    }
}
