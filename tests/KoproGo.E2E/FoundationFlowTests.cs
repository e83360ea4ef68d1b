using System.Net;
using KoproGo.Core.Features.Security;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KoproGo.E2E;

[Collection(AppCollection.Name)]
public class FoundationFlowTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PublicPage_WithoutSignIn_ShowsSyndicIdentity()
    {
        await using var s = await app.NewSessionAsync();
        await s.Page.GotoAsync(app.BaseUrl + "/b/residence-horta");
        await Expect(s.Page.Locator("#public-building")).ToHaveTextAsync("Résidence Horta");
        await Expect(s.Page.Locator("#public-syndic")).ToContainTextAsync("Syndic Horta");
        await Expect(s.Page.Locator("#public-syndic")).ToContainTextAsync("contact@horta.be");
        await s.CheckAccessibilityAsync("public-page");
        var missing = await app.Http.GetAsync("/b/no-such-building", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var headers = (await app.Http.GetAsync("/b/residence-horta", Ct)).Headers;
        Assert.Contains("frame-ancestors 'none'", string.Join(";", headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal("nosniff", headers.GetValues("X-Content-Type-Options").Single());
        s.AssertNoErrors();
    }

    [Fact]
    public async Task Syndic_CreatesBuildingUnitsOwnerAndOwnership()
    {
        await using var s = await app.NewSessionAsync();
        var page = s.Page;
        await s.SignInAsync("syndic@horta.be");
        await Expect(page.Locator(".kg-building-card").First).ToBeVisibleAsync();
        await s.CheckAccessibilityAsync("syndic-dashboard");

        // a building
        await s.GotoAsync("/buildings");
        await page.Locator("#new-building").ClickAsync();
        await page.Locator("#b-name").FillAsync("Résidence Flagey");
        await page.Locator("#b-slug").FillAsync("residence-flagey");
        await page.Locator("#b-street").FillAsync("Place Flagey 7");
        await page.Locator("#b-postal").FillAsync("105");          // wrong on purpose: 3 digits
        await page.Locator("#b-city").FillAsync("Ixelles");
        await page.Locator("#b-iban-working").FillAsync("BE68 5390 0754 7035");   // bad check digits
        await page.Locator("#b-save").ClickAsync();
        await Expect(page.GetByText("Code postal belge à 4 chiffres.").First).ToBeVisibleAsync();
        await Expect(page.GetByText("IBAN invalide.").First).ToBeVisibleAsync();
        await page.Locator("#b-postal").FillAsync("1050");
        await page.Locator("#b-iban-working").FillAsync("BE68 5390 0754 7034");
        await page.Locator("#b-save").ClickAsync();
        await Expect(page.Locator("#building-name")).ToHaveTextAsync("Résidence Flagey");

        // units: the remaining shares are shown, and too many are refused
        await Expect(page.Locator("#units-remaining")).ToContainTextAsync("1");
        await page.Locator("#new-unit").ClickAsync();
        await page.Locator("#u-number").FillAsync("A1");
        await page.Locator("#u-shares").FillAsync("1200");
        await page.Locator("#u-save").ClickAsync();
        await Expect(page.GetByText("1200 quotes-parts dépassent le total").First).ToBeVisibleAsync();
        await page.Locator("#u-shares").FillAsync("600");
        await page.Locator("#u-save").ClickAsync();
        await Expect(page.Locator("#units-grid")).ToContainTextAsync("A1");
        await Expect(page.Locator("#units-remaining")).ToContainTextAsync("400");
        await s.CheckAccessibilityAsync("syndic-building");

        // an owner
        await s.GotoAsync("/owners");
        await page.Locator("#new-owner").ClickAsync();
        await page.Locator("#o-last").FillAsync("Vandenberghe");
        await page.Locator("#o-first").FillAsync("Hélène");
        await page.Locator("#o-email").FillAsync("helene.vdb@example.be");
        await page.Locator("#o-save").ClickAsync();
        await page.Locator("#owners-search").FillAsync("Vandenberghe");
        await page.Locator("#owners-search").PressAsync("Enter");
        await Expect(page.Locator("#owners-grid")).ToContainTextAsync("Vandenberghe Hélène");
        await s.CheckAccessibilityAsync("syndic-owners");

        // the ownership of A1
        await s.GotoAsync("/buildings");
        await page.GetByRole(AriaRole.Link, new() { Name = "Résidence Flagey" }).ClickAsync();
        await s.WaitInteractiveAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Propriété" }).First.ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("A1");
        await page.Locator("#line-owner-0").FillAsync("Vanden");
        // the item of the open list, and the field showing the choice before saving: a click on a list that was still
        // re-rendering after the search could leave the line without its owner (seen once in a full run)
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Vandenberghe Hélène" }).First.ClickAsync();
        await Expect(page.Locator("#line-owner-0")).ToHaveValueAsync("Vandenberghe Hélène");
        await page.Locator("#save-ownership").ClickAsync();
        await Expect(page.Locator("#ownership-history")).ToContainTextAsync("Vandenberghe Hélène", new() { Timeout = 15_000 });
        await s.CheckAccessibilityAsync("syndic-ownership");
        s.AssertNoErrors();
    }

    [Fact]
    public async Task DutchOwner_SeesOwnUnitInDutch_AndIsRefusedAnotherBuilding()
    {
        await using var s = await app.NewSessionAsync();
        await s.SignInAsync("jan.peeters@example.be");      // preferred language nl-BE: the sign-in sets it
        await s.GotoAsync("/my-units");
        await Expect(s.Page.Locator("h1")).ToHaveTextAsync("Mijn kavels");
        await Expect(s.Page.Locator(".kg-myunit")).ToContainTextAsync("Residentie Leie");
        await Expect(s.Page.Locator(".kg-unit-row").First).ToContainTextAsync("1.01");
        await Expect(s.Page.Locator(".kg-unit-row").First).ToContainTextAsync("Volle eigendom");
        await s.CheckAccessibilityAsync("owner-nl-my-units");

        var brussels = await app.BuildingIdAsync("residence-horta");
        await s.GotoAsync($"/buildings/{brussels}");
        await Expect(s.Page.Locator("#refused")).ToBeVisibleAsync();
        await Expect(s.Page.Locator("#building-name")).ToHaveCountAsync(0);
        var pdf = await s.Page.APIRequest.GetAsync($"{app.BaseUrl}/buildings/{brussels}/owners.pdf");
        Assert.Equal(404, pdf.Status);
        s.AssertNoErrors();
    }

    [Fact]
    public async Task Syndic_SwitchesToDutch_SeesBuildingAndUnitsInDutch()
    {
        await using var s = await app.NewSessionAsync();
        await s.SignInAsync("syndic@horta.be");
        await s.Page.Locator("#lang-menu button").First.ClickAsync();
        await s.Page.Locator("#lang-nl-BE").ClickAsync();
        await s.Page.WaitForURLAsync(u => !u.Contains("/culture/", StringComparison.Ordinal));
        await s.WaitInteractiveAsync();
        await s.Page.GetByRole(AriaRole.Link, new() { Name = "Gebouwen" }).ClickAsync();
        await s.Page.GetByRole(AriaRole.Link, new() { Name = "Residentie Leie" }).ClickAsync();
        await Expect(s.Page.Locator("#building-name")).ToHaveTextAsync("Residentie Leie");
        await Expect(s.Page.Locator("#units-remaining")).ToContainTextAsync("Resterende aandelen: 0 van 10.000");
        await Expect(s.Page.Locator("#units-grid")).ToContainTextAsync("Handelsruimte");
        await Expect(s.Page.Locator("#units-grid")).ToContainTextAsync("Rijen per pagina");
        await s.CheckAccessibilityAsync("syndic-nl-building");
        s.AssertNoErrors();
    }

    [Fact]
    public async Task BoardMemberWhoIsAlsoOwner_SwitchesRole_MenuFollows()
    {
        await using var s = await app.NewSessionAsync();
        await s.SignInAsync("conseil@horta.be");
        await Expect(s.Page.Locator("#user-menu")).ToContainTextAsync("Conseil de copropriété");
        await Expect(s.Page.GetByRole(AriaRole.Link, new() { Name = "Immeubles" })).ToBeVisibleAsync();
        await s.Page.Locator("#user-menu button").First.ClickAsync();
        await s.Page.Locator("#role-Owner").ClickAsync();
        await s.WaitInteractiveAsync();
        await Expect(s.Page.Locator("#user-menu")).ToContainTextAsync("Copropriétaire");
        await s.Page.GetByRole(AriaRole.Link, new() { Name = "Mes lots" }).ClickAsync();
        await Expect(s.Page.Locator(".kg-unit-row").First).ToContainTextAsync("A8");
        await s.CheckAccessibilityAsync("board-member-as-owner");
        s.AssertNoErrors();
    }

    [Fact]
    public async Task User_EnablesTwoFactor_ThenSignsInWithCodeAndWithBackupCode()
    {
        await using var s = await app.NewSessionAsync();
        await s.SignInAsync("comptable@horta.be");
        var (secret, step, backup) = await s.EnableTwoFactorAsync();
        await s.CheckAccessibilityAsync("security-2fa-on");

        // the code already used to switch 2FA on is refused; the next step's code is accepted (t+1)
        await s.SignOutAsync();
        await s.PasswordStepAsync("comptable@horta.be");
        await s.Page.Locator("#code").FillAsync(Totp.CodeAt(secret, step));
        await s.Page.Locator("#verify").ClickAsync();
        await Expect(s.Page.Locator("#code-error")).ToBeVisibleAsync();
        await s.CodeStepAsync(Totp.CodeAt(secret, step + 1));

        // then with a backup code, which works once
        await s.SignOutAsync();
        await s.PasswordStepAsync("comptable@horta.be");
        await s.CodeStepAsync(backup);
        s.AssertNoErrors();
    }

    [Fact]
    public async Task JobDashboard_OwnerRefused_SuperAdminAllowed()
    {
        await using var owner = await app.NewSessionAsync();
        await owner.SignInAsync("marie.dubois@example.be");
        Assert.Equal("403", await owner.StatusAsync("/admin/jobs"));

        // signed out: sent to the sign-in page, which comes back to the dashboard
        var anonymous = await app.Http.GetAsync("/admin/jobs", Ct);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/Account/Login?returnUrl=%2Fadmin%2Fjobs", anonymous.Headers.Location!.OriginalString, StringComparison.Ordinal);

        // a SuperAdmin without a second factor is refused too, and sent to set it up; with one, the dashboard opens
        await using var admin = await app.NewSessionAsync();
        await admin.SignInAsync("admin@koprogo.be");
        Assert.Contains("/account/security", admin.Page.Url, StringComparison.Ordinal);
        // read without following redirects: refused outright (403) or sent by the account gate to set up 2FA (302 →
        // /account/security), depending on which check answers first; never the dashboard, never the sign-in page
        var status = await admin.StatusAsync("/admin/jobs");
        Assert.True(status == "403" || (status.StartsWith("302 → ", StringComparison.Ordinal) && status.EndsWith("/account/security", StringComparison.Ordinal)), status);
        var (secret, step, _) = await admin.EnableTwoFactorAsync();
        await admin.SignOutAsync();
        await admin.PasswordStepAsync("admin@koprogo.be");
        await admin.CodeStepAsync(Totp.CodeAt(secret, step + 1));
        var allowed = await admin.Page.APIRequest.GetAsync(app.BaseUrl + "/admin/jobs/recurring");
        Assert.Equal(200, allowed.Status);
        Assert.Contains("outbox-send", await allowed.TextAsync(), StringComparison.Ordinal);
        // the other platform pages answer only now too
        await admin.GotoAsync("/admin/outbox");
        await Expect(admin.Page.Locator("#outbox-table")).ToBeVisibleAsync();
    }
}
