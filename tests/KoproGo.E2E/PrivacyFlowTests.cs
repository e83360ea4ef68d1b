using System.Text.Json;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace KoproGo.E2E;

[Collection(AppCollection.Name)]
public class PrivacyFlowTests(AppFixture app)
{
    [Fact]
    public async Task Owner_AcceptsTheTexts_DownloadsTheirData_TogglesRestriction_AndIsToldWhyTheyCannotBeErased()
    {
        // another test may have signed Marie in already: her acceptance then becomes one of an older version, which
        // must be asked again exactly like a first sign-in
        await using (var conn = new NpgsqlConnection(app.ConnectionString))
        {
            await conn.OpenAsync(TestContext.Current.CancellationToken);
            await using var cmd = new NpgsqlCommand("""
                UPDATE consent_records SET version = '2020-01'
                 WHERE user_id = (SELECT id FROM "AspNetUsers" WHERE normalized_email = 'MARIE.DUBOIS@EXAMPLE.BE')
                """, conn);
            await cmd.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        await using var s = await app.NewSessionAsync();
        var page = s.Page;
        await page.GotoAsync(app.BaseUrl + "/Account/Login");
        await page.Locator("#email").FillAsync("marie.dubois@example.be");
        await page.Locator("#password").FillAsync("Demo-KoproGo-2026");
        await page.Locator("#signin").ClickAsync();
        // first sign-in: nothing else until the privacy policy and the terms are accepted
        await page.WaitForURLAsync(u => u.Contains("/account/consent", StringComparison.Ordinal));
        await s.WaitInteractiveAsync();
        await s.CheckAccessibilityAsync("consent");
        await page.Locator("#accept-consent").ClickAsync();
        await Expect(page.Locator("#consent-missing")).ToBeVisibleAsync();
        await s.GotoAsync("/my-units");
        Assert.Contains("/account/consent", page.Url, StringComparison.Ordinal);
        await s.AcceptLegalTextsIfAskedAsync();

        await s.GotoAsync("/account/privacy");
        await Expect(page.Locator("#consents li").Filter(new() { HasText = "2026-11" })).ToHaveCountAsync(2);
        await s.CheckAccessibilityAsync("my-data");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-data").ClickAsync());
        var path = await download.PathAsync();
        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync(path!, TestContext.Current.CancellationToken)))
        {
            Assert.Equal("marie.dubois@example.be", json.RootElement.GetProperty("account").GetProperty("profile").GetProperty("email").GetString());
            Assert.Equal("Dubois", json.RootElement.GetProperty("owners")[0].GetProperty("lastName").GetString());
        }

        await page.Locator("#restrict-toggle input").ClickAsync();
        await Expect(page.Locator("#restrict-toggle")).ToContainTextAsync("(");      // "… (depuis le …)"
        await page.Locator("#restrict-toggle input").ClickAsync();

        await page.Locator("#erase-check").ClickAsync();
        await Expect(page.Locator("#erase-blockers")).ToContainTextAsync("A1");
        await Expect(page.Locator("#erase-confirm")).ToHaveCountAsync(0);
        s.AssertNoErrors();
    }

    [Fact]
    public async Task Tenant_ErasesTheirAccount_AndCannotSignInAgain()
    {
        await using var s = await app.NewSessionAsync();
        var page = s.Page;
        await s.SignInAsync("locataire@example.be");
        await s.GotoAsync("/account/privacy");
        await page.Locator("#erase-check").ClickAsync();
        await Expect(page.Locator("#erase-allowed")).ToBeVisibleAsync();
        await page.Locator("#erase-password").FillAsync("wrong-password");
        await page.Locator("#erase-confirm").ClickAsync();
        await Expect(page.GetByText("Mot de passe incorrect.").First).ToBeVisibleAsync();      // the account's language: fr-BE
        await page.Locator("#erase-password").FillAsync("Demo-KoproGo-2026");
        await page.Locator("#erase-confirm").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/Account/Erased", StringComparison.Ordinal));
        await Expect(page.Locator("#erased")).ToBeVisibleAsync();

        await page.GotoAsync(app.BaseUrl + "/Account/Login");
        await page.Locator("#email").FillAsync("locataire@example.be");
        await page.Locator("#password").FillAsync("Demo-KoproGo-2026");
        await page.Locator("#signin").ClickAsync();
        await Expect(page.Locator("#login-error")).ToBeVisibleAsync();
        s.AssertNoErrors();
    }

    [Fact]
    public async Task OpenCircuit_IsSignedOut_WhenTheSecurityStampChanges()
    {
        await using var s = await app.NewSessionAsync();
        var page = s.Page;
        await s.SignInAsync("chauffagiste@example.be");
        await s.GotoAsync("/notifications");

        // what a password change, a 2FA change or an administrator's action does to the user row
        await using (var conn = new NpgsqlConnection(app.ConnectionString))
        {
            await conn.OpenAsync(TestContext.Current.CancellationToken);
            await using var cmd = new NpgsqlCommand("""UPDATE "AspNetUsers" SET security_stamp = gen_random_uuid()::text WHERE normalized_email = 'CHAUFFAGISTE@EXAMPLE.BE'""", conn);
            Assert.Equal(1, await cmd.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        }

        // the E2E app revalidates every 3 s (production: 60 s); no click, no navigation: the circuit itself signs out
        await page.WaitForURLAsync(u => u.Contains("/Account/Login", StringComparison.Ordinal), new() { Timeout = 20_000 });
    }
}
