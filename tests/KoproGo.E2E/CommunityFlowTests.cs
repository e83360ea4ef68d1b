using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KoproGo.E2E;

[Collection(AppCollection.Name)]
public class CommunityFlowTests(AppFixture app)
{
    [Fact]
    public async Task Owner_VotesInAPoll_AndSeesTheResultOnceTheSyndicClosesIt()
    {
        string pollUrl;
        await using (var owner = await app.NewSessionAsync())
        {
            var page = owner.Page;
            await owner.SignInAsync("marie.dubois@example.be");
            await owner.GotoAsync("/polls");
            await Expect(page.Locator("#polls")).ToContainTextAsync("bornes de recharge");
            await owner.CheckAccessibilityAsync("polls");
            await page.Locator(".poll-row a").Filter(new() { HasText = "bornes de recharge" }).ClickAsync();
            await Expect(page.Locator("#ballot")).ToBeVisibleAsync();
            await Expect(page.GetByText("consultatif").First).ToBeVisibleAsync();
            await Expect(page.Locator("#poll-results")).ToHaveCountAsync(0);               // results once closed
            await owner.CheckAccessibilityAsync("poll-ballot");
            await page.Locator(".ballot-option").Filter(new() { HasText = "Oui" }).ClickAsync();
            await page.Locator("#ballot-submit").ClickAsync();
            await Expect(page.Locator("#poll-voted")).ToBeVisibleAsync();
            pollUrl = new Uri(page.Url).AbsolutePath;
            owner.AssertNoErrors();
        }

        await using (var s = await app.NewSessionAsync())
        {
            await s.SignInAsync("syndic@horta.be");
            await s.GotoAsync(pollUrl);
            await Expect(s.Page.Locator("#poll-participation")).ToContainTextAsync("9 vote(s)");      // 8 demo votes and Marie's
            await s.Page.Locator("#poll-close").ClickAsync();
            await Expect(s.Page.Locator("#poll-status")).ToContainTextAsync("Clôturé");
            s.AssertNoErrors();
        }

        await using (var owner = await app.NewSessionAsync())
        {
            await owner.SignInAsync("marie.dubois@example.be");
            await owner.GotoAsync(pollUrl);
            await Expect(owner.Page.Locator("#poll-results")).ToBeVisibleAsync();
            await Expect(owner.Page.Locator("#poll-winner")).ToContainTextAsync("Oui");
            await Expect(owner.Page.Locator("#ballot")).ToHaveCountAsync(0);
            await owner.CheckAccessibilityAsync("poll-results");
            owner.AssertNoErrors();
        }
    }
}
