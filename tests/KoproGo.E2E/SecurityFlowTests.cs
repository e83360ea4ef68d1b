using System.Net;
using KoproGo.Core.Common;
using KoproGo.Core.Features.Owners;
using KoproGo.Core.Features.UserAccounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace KoproGo.E2E;

/// <summary>The security review's browser flows (issue #11).</summary>
[Collection(AppCollection.Name)]
public class SecurityFlowTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// The takeover chain: a tenant switches their email to an invited owner's address and downloads their data. The
    /// export holds no invitation link, the sign-in name does not change, and without the link sent to the owner's
    /// mailbox the change cannot be confirmed.
    /// </summary>
    [Fact]
    public async Task Tenant_TakingAnInvitedOwnersAddress_StopsAtTheConfirmationStep()
    {
        string victim;
        using (var scope = app.Services.CreateScope())
        {
            var owners = scope.ServiceProvider.GetRequiredService<IOwnerService>();
            var organisation = await app.ScalarAsync<Guid>("SELECT id FROM organisations WHERE name = 'Syndic Horta'");
            victim = $"new.owner.{Guid.NewGuid():N}"[..22] + "@example.be";
            var owner = (await owners.CreateAsync(Actor.System, organisation, new OwnerInput { FirstName = "Nina", LastName = "Nouvelle", Email = victim }, Ct)).Value;
            Assert.True((await scope.ServiceProvider.GetRequiredService<IInvitationService>().InviteOwnerAsync(Actor.System, owner, Ct)).Succeeded);
        }

        await using var s = await app.NewSessionAsync();
        await s.SignInAsync("locataire@example.be");
        await s.GotoAsync("/account/privacy");
        await s.Page.Locator("#rectify-email").FillAsync(victim);
        await s.Page.Locator("#rectify-email").PressAsync("Tab");      // the password is asked once the address changed
        await s.Page.Locator("#rectify-password").FillAsync("Demo-KoproGo-2026");
        await s.Page.Locator("#rectify-save").ClickAsync();
        await Expect(s.Page.Locator("#email-pending")).ToContainTextAsync(victim);

        var export = await (await s.Page.APIRequest.GetAsync(app.BaseUrl + "/account/my-data.json")).TextAsync();
        Assert.Contains("locataire@example.be", export, StringComparison.Ordinal);
        Assert.DoesNotContain("AcceptInvitation", export, StringComparison.Ordinal);
        Assert.DoesNotContain("token=", export, StringComparison.Ordinal);

        // a guessed or stale link is refused, and the victim's address does not sign the tenant in
        await s.Page.GotoAsync(app.BaseUrl + "/Account/ConfirmEmail?token=" + new string('A', 43));
        await Expect(s.Page.Locator("#confirm-email-error")).ToBeVisibleAsync();
        await using var other = await app.NewSessionAsync();
        await other.Page.GotoAsync(app.BaseUrl + "/Account/Login");
        await other.Page.Locator("#email").FillAsync(victim);
        await other.Page.Locator("#password").FillAsync("Demo-KoproGo-2026");
        await other.Page.Locator("#signin").ClickAsync();
        await Expect(other.Page.Locator("#login-error")).ToBeVisibleAsync();

        // the tenant gives up: the pending change is cancelled
        await s.GotoAsync("/account/privacy");
        await s.Page.Locator("#email-pending-cancel").ClickAsync();
        await Expect(s.Page.Locator("#email-pending")).ToHaveCountAsync(0);
        s.AssertNoErrors();
    }

    /// <summary>A right revoked elsewhere is refused on the next click of a page opened before, not half an hour later.</summary>
    [Fact]
    public async Task Syndic_WhoseRoleIsRevokedWhileThePageIsOpen_CannotSaveOnIt()
    {
        var email = $"syndic2-{Guid.NewGuid():N}"[..20] + "@horta.be";
        var organisation = await app.ScalarAsync<Guid>("SELECT id FROM organisations WHERE name = 'Syndic Horta'");
        Guid membershipId;
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await using var db = await scope.ServiceProvider.GetRequiredService<IKoproGoDbFactory>().CreateAsync(Ct);
            var user = users.NewUser(email, "Second Syndic", "fr-BE", DateTimeOffset.UtcNow, emailConfirmed: true);
            user.PasswordHash = users.PasswordHasher.HashPassword(user, "Demo-KoproGo-2026");
            db.Users.Add(user);
            var membership = Membership.Create(user.Id, organisation, Role.Syndic, DateTimeOffset.UtcNow);
            membershipId = membership.Id;
            db.Memberships.Add(membership);
            await db.SaveChangesAsync(Ct);
        }
        var building = await app.BuildingIdAsync("residence-horta");
        var name = await app.ScalarAsync<string>("SELECT name FROM buildings WHERE id = @p0", building);

        await using var s = await app.NewSessionAsync();
        await s.SignInAsync(email);
        await s.GotoAsync($"/buildings/{building}");
        await s.Page.Locator("#edit-building").ClickAsync();
        await s.Page.Locator("#b-name").FillAsync(name + " (piraté)");
        using (var scope = app.Services.CreateScope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<IUserAdminService>().RevokeAsync(Actor.System, membershipId, Ct)).Succeeded);
        await s.Page.Locator("#b-save").ClickAsync();

        // refused on the click (or already signed out by the revalidation): either way nothing is saved
        await Expect(s.Page.Locator(".mud-snackbar-content-message, #email")).ToBeVisibleAsync();
        Assert.Equal(name, await app.ScalarAsync<string>("SELECT name FROM buildings WHERE id = @p0", building));
    }

    [Fact]
    public async Task Downloads_BeforeTheLegalTextsAreAccepted_SendToTheConsentPage()
    {
        await using var s = await app.NewSessionAsync();
        // the contractor's acceptance is made out of date: the next request must ask again, downloads included
        await using (var conn = new Npgsql.NpgsqlConnection(app.ConnectionString))
        {
            await conn.OpenAsync(Ct);
            await using var cmd = new Npgsql.NpgsqlCommand("""
                UPDATE consent_records SET version = '2020-01'
                 WHERE user_id = (SELECT id FROM "AspNetUsers" WHERE normalized_email = 'CHAUFFAGISTE@EXAMPLE.BE')
                """, conn);
            await cmd.ExecuteNonQueryAsync(Ct);
        }
        await s.Page.GotoAsync(app.BaseUrl + "/Account/Login");
        await s.Page.Locator("#email").FillAsync("chauffagiste@example.be");
        await s.Page.Locator("#password").FillAsync("Demo-KoproGo-2026");
        await s.Page.Locator("#signin").ClickAsync();
        await s.Page.WaitForURLAsync(u => u.Contains("/account/consent", StringComparison.Ordinal));
        var response = await s.Page.APIRequest.GetAsync(app.BaseUrl + "/account/my-data.json", new() { MaxRedirects = 0 });
        Assert.Equal((int)HttpStatusCode.Redirect, response.Status);
        Assert.Contains("/account/consent", response.Headers["location"], StringComparison.Ordinal);
        await s.AcceptLegalTextsIfAskedAsync();
    }

    [Fact]
    public async Task SignOut_PostedWithoutTheFormsToken_SignsNobodyOut()
    {
        await using var s = await app.NewSessionAsync();
        await s.SignInAsync("jan.peeters@example.be");
        var forged = await s.Page.APIRequest.PostAsync(app.BaseUrl + "/Account/SignOut", new() { MaxRedirects = 0 });
        Assert.Equal((int)HttpStatusCode.Redirect, forged.Status);
        Assert.Equal("/Account/Logout", forged.Headers["location"]);
        await s.GotoAsync("/my-units");
        Assert.Contains("/my-units", s.Page.Url, StringComparison.Ordinal);     // still signed in
        await s.SignOutAsync();                                                // the real form does sign out
    }
}
