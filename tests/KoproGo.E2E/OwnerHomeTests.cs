using static Microsoft.Playwright.Assertions;

namespace KoproGo.E2E;

/// <summary>
/// A co-owner's home on a phone (issue #17): Marie Dubois sees, for Résidence Horta, her balance and the next general
/// assembly, each a link; the assembly's link opens it.
/// </summary>
[Collection(AppCollection.Name)]
public class OwnerHomeTests(AppFixture app)
{
    [Fact]
    public async Task TheOwnersHome_SumsUpHerBuilding_OnAPhone()
    {
        await using var marie = await app.NewSessionAsync();
        var page = marie.Page;
        await page.SetViewportSizeAsync(390, 844);
        await marie.SignInAsync("marie.dubois@example.be");
        await marie.GotoAsync("/");
        var horta = page.Locator(".owner-building").Filter(new() { HasText = "Résidence Horta" });
        await Expect(horta.Locator(".owner-balance")).ToHaveCountAsync(1);
        // the demo's assembly is convened five weeks ahead, unless the assembly flow (same database) has held it already
        var convened = await app.ScalarAsync<long>("SELECT count(*) FROM meetings WHERE building_id = @p0 AND status = 'Convened' AND starts_at > now()",
            await app.BuildingIdAsync("residence-horta"));
        await Expect(horta.Locator(".owner-next-meeting")).ToHaveCountAsync(convened > 0 ? 1 : 0);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 390"), "the home page is wider than the phone");
        await marie.CheckAccessibilityAsync("owner-home");
        if (convened > 0)
        {
            await Expect(horta.Locator(".owner-next-meeting")).ToContainTextAsync("Prochaine assemblée");
            await horta.Locator(".owner-next-meeting a").ClickAsync();
            await page.WaitForURLAsync(u => u.Contains("/assemblies/", StringComparison.Ordinal));
        }
        marie.AssertNoErrors();
    }
}
