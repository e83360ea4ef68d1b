using static Microsoft.Playwright.Assertions;

namespace KoproGo.E2E;

/// <summary>
/// The owners' part in preparing assemblies in the browser (Art. 3.87 §2): an owner proposes an item and starts a
/// request for an assembly from a phone; another owner co-signs; the syndic reads both with the building's rules.
/// </summary>
[Collection(AppCollection.Name)]
public class OwnerRequestFlowTests(AppFixture app)
{
    [Fact]
    public async Task AnOwnerProposesAnItemAndStartsARequest_OnAPhone_AnotherSigns_TheSyndicSeesBoth()
    {
        var url = $"/assemblies/requests?building={await app.BuildingIdAsync("residence-horta")}";
        await using (var marie = await app.NewSessionAsync())
        {
            await marie.Page.SetViewportSizeAsync(390, 844);
            await marie.SignInAsync("marie.dubois@example.be");
            await marie.GotoAsync(url);
            await Expect(marie.Page.Locator("#proposal-due")).ToContainTextAsync("assemblée ordinaire");
            await marie.Page.Locator("#proposal-title").FillAsync("Installer un abri pour vélos");
            await marie.Page.Locator("#proposal-text").FillAsync("Dans la cour, côté jardin.");
            await marie.Page.Locator("#proposal-send").ClickAsync();
            await Expect(marie.Page.Locator(".mud-snackbar")).ToContainTextAsync("transmis au syndic");
            await Expect(marie.Page.Locator("#proposals .proposal[data-status=Pending]")).ToContainTextAsync("abri pour vélos");

            await marie.Page.Locator("#request-reason").FillAsync("Fuites répétées de la toiture : décider des travaux sans attendre l'assemblée ordinaire.");
            await marie.Page.Locator("#request-open").ClickAsync();
            await Expect(marie.Page.Locator("#assembly-requests .assembly-request")).ToHaveCountAsync(1);
            await Expect(marie.Page.Locator("#assembly-requests .assembly-request")).ToContainTextAsync("Vous avez signé");
            await marie.CheckAccessibilityAsync("assembly-requests-phone");
            Assert.True(await marie.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 390"), "the requests page is wider than the phone");
            marie.AssertNoErrors();
        }

        await using (var anne = await app.NewSessionAsync())
        {
            await anne.Page.SetViewportSizeAsync(390, 844);
            await anne.SignInAsync("conseil@horta.be");
            await anne.GotoAsync(url);
            await anne.Page.Locator("#assembly-requests .request-sign").ClickAsync();
            await Expect(anne.Page.Locator("#assembly-requests .assembly-request")).ToContainTextAsync("Claes Anne");
            anne.AssertNoErrors();
        }

        await using var syndic = await app.NewSessionAsync();
        await syndic.SignInAsync("syndic@horta.be");
        await syndic.GotoAsync(url);
        await Expect(syndic.Page.Locator("#assembly-settings")).ToBeVisibleAsync();
        await Expect(syndic.Page.Locator("#proposals .proposal")).ToContainTextAsync("Dubois Marie");
        await Expect(syndic.Page.Locator("#assembly-requests .assembly-request")).ToContainTextAsync("Dubois Marie, Claes Anne");
        await syndic.CheckAccessibilityAsync("assembly-requests");
        syndic.AssertNoErrors();
    }

    [Fact]
    public async Task InDutch_AnOwnerWalksTheAssemblyPages_WithoutARawKey()
    {
        var building = await app.BuildingIdAsync("residence-horta");
        await using var owner = await app.NewSessionAsync();
        await owner.Page.SetViewportSizeAsync(390, 844);
        await owner.SignInAsync("marie.dubois@example.be");
        var meeting = await app.ScalarAsync<Guid>("SELECT m.id FROM meetings m WHERE m.building_id = @p0 AND m.status = 'MinutesSent'", building);
        foreach (var (path, heading, content) in new[]
        {
            ($"/assemblies?building={building}", "Algemene vergaderingen", "Gewone"),
            ($"/assemblies/{meeting}", "Gewone", "Aanwezigheidslijst"),
            ($"/assemblies/requests?building={building}", "Voorstellen en verzoeken", "een vijfde"),
            ($"/assemblies/written?building={building}", "Schriftelijke besluiten", "authentieke akte"),
            ($"/assemblies/decisions?building={building}", "Register", "Aangenomen"),
        })
        {
            await owner.GotoAsync($"/culture/set?culture=nl-BE&redirectUri={Uri.EscapeDataString(path)}");
            await Expect(owner.Page.Locator("h1").First).ToContainTextAsync(heading);
            await Expect(owner.Page.Locator("main")).ToContainTextAsync(content);
            var text = await owner.Page.Locator("main").InnerTextAsync();
            Assert.DoesNotMatch(@"\b(ui|enum|error|notify)\.[A-Za-z_]+", text);
            Assert.True(await owner.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 390"), path + " is wider than the phone");
        }
        await owner.CheckAccessibilityAsync("nl-assembly-requests-phone");
        owner.AssertNoErrors();

        // the syndic's side of the same pages, in Dutch
        await using var syndic = await app.NewSessionAsync();
        await syndic.SignInAsync("syndic@horta.be");
        foreach (var (path, content) in new[]
        {
            ($"/assemblies/requests?building={building}", "Regels van het gebouw"),
            ($"/assemblies/written?building={building}", "schriftelijk aan alle mede-eigenaars"),
        })
        {
            await syndic.GotoAsync($"/culture/set?culture=nl-BE&redirectUri={Uri.EscapeDataString(path)}");
            await Expect(syndic.Page.Locator("main")).ToContainTextAsync(content);
            Assert.DoesNotMatch(@"\b(ui|enum|error|notify)\.[A-Za-z_]+", await syndic.Page.Locator("main").InnerTextAsync());
        }
        syndic.AssertNoErrors();
    }
}
