using System.Globalization;
using System.Text.RegularExpressions;
using KoproGo.IntegrationTests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KoproGo.E2E;

/// <summary>
/// SPEC §4 end to end, on Residentie Leie (no books yet in the demo, so nothing else depends on its year): the syndic
/// opens the year, builds the budget, has it voted and activated, calls the fourth quarter from its schedule and sends
/// it; the owner sees the call with its QR code and letter; the bank statement pays it; the owner owes nothing.
/// </summary>
[Collection(AppCollection.Name)]
public class BudgetFlowTests(AppFixture app)
{
    /// <summary>An amount as French or Dutch pages write it: 1 050,00 or 1.050,00.</summary>
    private static Regex Written(decimal amount)
    {
        var digits = ((long)amount).ToString(CultureInfo.InvariantCulture);
        var grouped = string.Join(@"[.\s\u202f\u00a0]?", Enumerable.Range(0, (digits.Length + 2) / 3)
            .Select(i => digits[Math.Max(0, digits.Length - 3 * (i + 1))..(digits.Length - 3 * i)]).Reverse());
        return new Regex(grouped + "," + ((int)(amount * 100 % 100)).ToString("D2", CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Syndic_BudgetToCall_OwnerPaysThroughTheBankStatement_AndOwesNothing()
    {
        var building = await app.BuildingIdAsync("residentie-leie");
        await using (var s = await app.NewSessionAsync())
        {
            var page = s.Page;
            await s.SignInAsync("syndic@horta.be");
            await s.GotoAsync($"/buildings/{building}/accounting");
            await page.GetByRole(AriaRole.Tab, new() { Name = "Exercices" }).ClickAsync();
            await page.Locator("#open-year").ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Ouvrir" }).ClickAsync();   // the confirmation
            await Expect(page.Locator("#years tbody tr")).ToHaveCountAsync(1);

            await page.GetByRole(AriaRole.Tab, new() { Name = "Budgets" }).ClickAsync();
            await page.Locator("#new-budget").ClickAsync();
            await page.Locator(".bline-account-0").ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "610" }).First.ClickAsync();
            // the account's choice re-renders the line first: typing before it lands could be overwritten
            await Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
            await page.Locator(".bline-amount-0 input").FillAsync("40000");
            await page.Locator(".bline-amount-0 input").BlurAsync();
            await Expect(page.Locator("#budget-editor-total")).ToContainTextAsync("40");
            await page.Locator("#budget-reserve").FillAsync("2000");
            await page.Locator("#budget-reserve").BlurAsync();
            await Expect(page.Locator("#budget-editor-total")).ToContainTextAsync("42");
            await s.CheckAccessibilityAsync("budget-form");
            await page.Locator("#budget-save").ClickAsync();
            await Expect(page.Locator("#budget-status")).ToContainTextAsync("Brouillon");
            await Expect(page.Locator("#monthly-ordinary")).ToContainTextAsync("3");          // 40,000 / 12 = 3,333.34 for the first months
            await Expect(page.Locator("#monthly-total")).ToContainTextAsync("500,01");        // 3,333.34 + 166.67 of reserve

            await page.Locator("#budget-submit").ClickAsync();
            await Expect(page.Locator("#budget-status")).ToContainTextAsync("Soumis");
            await page.Locator("#budget-vote").ClickAsync();
            await page.Locator("#assembly-reference").FillAsync("PV AG 2026-11");
            await page.Locator("#confirm-decision").ClickAsync();
            await Expect(page.Locator("#budget-status")).ToContainTextAsync("Voté");
            await Expect(page.Locator("#budget-assembly")).ToContainTextAsync("PV AG 2026-11");
            await page.Locator("#budget-activate").ClickAsync();
            await Expect(page.Locator("#budget-status")).ToContainTextAsync("En vigueur");
            await s.CheckAccessibilityAsync("budget-detail");

            await page.GetByRole(AriaRole.Tab, new() { Name = "Écarts" }).ClickAsync();
            await Expect(page.Locator("#variance-total")).ToContainTextAsync("40");
            await Expect(page.Locator("#variance-chart")).ToBeVisibleAsync();
            await s.CheckAccessibilityAsync("budget-variance");

            await page.GetByRole(AriaRole.Tab, new() { Name = "Échéancier des appels" }).ClickAsync();
            await Expect(page.Locator("#slot-4")).ToContainTextAsync("10");                   // a quarter: 10,000 + 500
            await page.Locator("#slot-4 .create-call").ClickAsync();
            await Expect(page.Locator("#slot-4")).ToContainTextAsync("Brouillon");

            await page.GetByRole(AriaRole.Tab, new() { Name = "Appels de fonds" }).ClickAsync();
            var row = page.Locator(".call-row").Filter(new() { HasText = "Provisies" });      // the building speaks Dutch
            await row.Locator(".send-call").ClickAsync();
            // 12 owners: sent while the syndic waits (the tests' inline limit is 12; Brussels' calls take the queued path)
            await Expect(row).ToContainTextAsync("Envoyé", new() { Timeout = 60_000 });
            s.AssertNoErrors();
        }

        string ogm, reserveOgm;
        decimal amount, reserveAmount;
        await using (var owner = await app.NewSessionAsync())
        {
            await owner.SignInAsync("jan.peeters@example.be");
            await owner.GotoAsync("/my-account");
            var call = owner.Page.Locator(".my-call").Filter(new() { HasText = "Provisies" });
            // two transfers, each with its QR code: the working part and the reserve part (its own account and communication)
            await Expect(call.Locator("img.my-call-qr")).ToHaveCountAsync(2, new() { Timeout = 20_000 });
            string Ogm(string? text) => Regex.Match(text!, @"\+\+\+\d{3}/\d{4}/\d{5}\+\+\+").Value;
            ogm = Ogm(await call.Locator(".my-call-part").Filter(new() { HasText = "Werkkapitaal" }).Locator(".my-call-pay").TextContentAsync());
            reserveOgm = Ogm(await call.Locator(".my-call-part").Filter(new() { HasText = "Reservekapitaal" }).Locator(".my-call-pay").TextContentAsync());
            Assert.NotEmpty(ogm);
            Assert.Equal(reserveOgm, await app.ScalarAsync<string>("SELECT reserve_communication FROM call_lines WHERE structured_communication = @p0", ogm));
            amount = await app.ScalarAsync<decimal>("SELECT total FROM call_lines WHERE structured_communication = @p0", ogm);
            reserveAmount = await app.ScalarAsync<decimal>("SELECT reserve FROM call_lines WHERE structured_communication = @p0", ogm);
            var download = await owner.Page.RunAndWaitForDownloadAsync(() => call.Locator(".my-call-pdf").ClickAsync());
            using var pdf = UglyToad.PdfPig.PdfDocument.Open(await File.ReadAllBytesAsync((await download.PathAsync())!, TestContext.Current.CancellationToken));
            var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            Assert.Contains(ogm, text, StringComparison.Ordinal);
            Assert.Matches(Written(amount), text);
            await Expect(owner.Page.Locator(".my-balance")).ToContainTextAsync(Written(amount));
            owner.AssertNoErrors();
        }

        await using (var s = await app.NewSessionAsync())
        {
            await s.SignInAsync("syndic@horta.be");
            await s.GotoAsync($"/buildings/{building}/accounting");
            await s.Page.GetByRole(AriaRole.Tab, new() { Name = "Appels de fonds" }).ClickAsync();
            // the panel (and its file input's script) must be rendered before a file is given to it
            await Expect(s.Page.Locator(".call-row").Filter(new() { HasText = "Provisies" })).ToBeVisibleAsync();
            var iban = await app.ScalarAsync<string>("SELECT working_fund_iban FROM buildings WHERE id = @p0", building);
            var reserveIban = await app.ScalarAsync<string>("SELECT reserve_fund_iban FROM buildings WHERE id = @p0", building);
            // one download from the bank: the statements of both accounts in one file
            var today = DateOnly.FromDateTime(DateTime.Today);
            var file = Path.Combine(Path.GetTempPath(), $"leie-{Guid.NewGuid():N}.cod");
            await File.WriteAllTextAsync(file, CodaFile.File(
                CodaFile.Statement(iban, today, [new CodaFile.Move(amount - reserveAmount, ogm, Name: "Peeters Jan")]),
                CodaFile.Statement(reserveIban, today, [new CodaFile.Move(reserveAmount, reserveOgm, Name: "Peeters Jan")])), System.Text.Encoding.Latin1, TestContext.Current.CancellationToken);
            await s.Page.Locator("#coda-file").SetInputFilesAsync(file);
            await Expect(s.Page.GetByText("2 rapproché(s)").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
            s.AssertNoErrors();
        }

        await using (var owner = await app.NewSessionAsync())
        {
            await owner.SignInAsync("jan.peeters@example.be");
            await owner.GotoAsync("/my-account");
            await Expect(owner.Page.Locator(".my-balance")).ToContainTextAsync("0,00", new() { Timeout = 20_000 });
            await Expect(owner.Page.Locator(".my-call").Filter(new() { HasText = "Provisies" })).ToHaveCountAsync(0);     // paid: no longer open
            await owner.CheckAccessibilityAsync("my-account-paid");
            owner.AssertNoErrors();
        }
    }
}
