using System.Globalization;
using static Microsoft.Playwright.Assertions;

namespace KoproGo.E2E;

/// <summary>
/// A decision in writing in the browser (Art. 3.87 §11): the syndic puts it to every co-owner, an owner approves it on a
/// phone, the syndic records a refusal received on paper, and the decision is not adopted.
/// </summary>
[Collection(AppCollection.Name)]
public class WrittenDecisionFlowTests(AppFixture app)
{
    [Fact]
    public async Task TheSyndicAsksInWriting_AnOwnerApprovesOnAPhone_APaperRefusalRejectsIt()
    {
        var building = await app.BuildingIdAsync("residence-horta");
        await using var syndic = await app.NewSessionAsync();
        await syndic.SignInAsync("syndic@horta.be");
        await syndic.GotoAsync($"/assemblies/written?building={building}");
        await syndic.Page.Locator("#written-title").FillAsync("Remplacer les boîtes aux lettres");
        await syndic.Page.Locator("#written-text").FillAsync("Trois devis joints ; le moins cher est retenu.");
        var lastDay = DateTime.Today.AddDays(14).ToString("d", CultureInfo.GetCultureInfo("fr-BE"));
        await syndic.Page.Locator("#written-last-day").FillAsync(lastDay);
        await syndic.Page.Locator("#written-last-day").PressAsync("Tab");
        // without the confirmation that no notarial deed is needed, nothing is sent
        await syndic.Page.Locator("#written-open").ClickAsync();
        await Expect(syndic.Page.Locator(".mud-snackbar")).ToContainTextAsync("acte authentique");
        await syndic.Page.GetByLabel("Cette décision ne doit pas être passée par acte authentique").CheckAsync();
        await syndic.Page.Locator("#written-open").ClickAsync();
        await syndic.Page.WaitForURLAsync(u => u.Contains("/assemblies/written/", StringComparison.Ordinal));
        await Expect(syndic.Page.Locator("#written-status")).ToContainTextAsync("En cours");
        var url = new Uri(syndic.Page.Url).AbsolutePath;

        await using (var marie = await app.NewSessionAsync())
        {
            await marie.Page.SetViewportSizeAsync(390, 844);
            await marie.SignInAsync("marie.dubois@example.be");
            await marie.GotoAsync(url);
            await marie.Page.Locator(".written-mine .written-agree").ClickAsync();
            await Expect(marie.Page.Locator(".written-mine .written-confirmed")).ToContainTextAsync("Vous avez approuvé");
            Assert.True(await marie.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 390"), "the written decision page is wider than the phone");
            await marie.CheckAccessibilityAsync("written-decision-phone");
            marie.AssertNoErrors();
        }

        await syndic.GotoAsync(url);
        await Expect(syndic.Page.Locator(".written-answer[data-agrees=true]")).ToContainTextAsync("Dubois Marie");
        await syndic.Page.Locator(".written-answer .written-paper-refuse").First.ClickAsync();
        await Expect(syndic.Page.Locator("#written-status")).ToContainTextAsync("Refusée");
        await syndic.CheckAccessibilityAsync("written-decision");
        syndic.AssertNoErrors();
    }
}
