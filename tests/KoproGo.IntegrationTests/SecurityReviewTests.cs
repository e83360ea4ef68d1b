using System.Text;
using System.Text.RegularExpressions;
using KoproGo.Core.Common;
using KoproGo.Core.Features.Audit;
using KoproGo.Core.Features.Budgets;
using KoproGo.Core.Features.Files;
using KoproGo.Core.Features.Notices;
using KoproGo.Core.Features.Notifications;
using KoproGo.Core.Features.Organisations;
using KoproGo.Core.Features.Owners;
using KoproGo.Core.Features.Privacy;
using KoproGo.Core.Features.Security;
using KoproGo.Core.Features.UserAccounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.IntegrationTests;

/// <summary>The findings of the security review (issue #11), one behaviour per test, each failing on the code before it.</summary>
[Collection(DatabaseCollection.Name)]
public partial class SecurityReviewTests(DatabaseFixture fx)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private IPrivacyService Privacy => fx.Get<IPrivacyService>();

    [GeneratedRegex(@"token=([A-Za-z0-9_\-]+)")]
    private static partial Regex TokenInLink();

    private async Task<string> LastTokenSentToAsync(string address)
    {
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        var mail = await db.OutboxEmails.Where(m => m.ToAddress == address && m.ContainsSecret).OrderByDescending(m => m.CreatedAt).FirstAsync(Ct);
        return TokenInLink().Match(mail.TextBody).Groups[1].Value;
    }

    private async Task<string> EmailOfAsync(string userId)
    {
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        return await db.Users.Where(u => u.Id == userId).Select(u => u.Email!).FirstAsync(Ct);
    }

    /// <summary>A clock ahead of the shared one, for a service or job built just for this test (the shared clock is everyone's).</summary>
    private Microsoft.Extensions.Time.Testing.FakeTimeProvider Later(TimeSpan by) => new(fx.Clock.GetUtcNow() + by);

    private async Task<Actor> FreshAsync(Actor actor) => (await fx.Get<IActorFactory>().ForUserAsync(actor.UserId!, null, null, Ct))!;

    // ---- 1. the account-takeover chain

    [Fact]
    public async Task Rectify_ToAnInvitedOwnersAddress_ChangesNoSignInName_AndTheExportHoldsNoInvitation()
    {
        var w = await World.CreateAsync(fx, Ct);
        string victim;
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct))
            victim = (await db.Owners.FirstAsync(o => o.Id == w.OwnerA, Ct)).Email!;
        Assert.True((await fx.Get<IInvitationService>().InviteOwnerAsync(w.Syndic, w.OwnerA, Ct)).Succeeded);
        var attacker = w.TenantA;
        var before = await EmailOfAsync(attacker.UserId!);

        Assert.True((await Privacy.RectifyAsync(attacker, new RectificationInput { DisplayName = "Mallory", Email = victim, CurrentPassword = World.Password }, Ct)).Succeeded);

        Assert.Equal(before, await EmailOfAsync(attacker.UserId!));
        var export = Encoding.UTF8.GetString((await Privacy.ExportAsync(await FreshAsync(attacker), Ct)).Value.Json);
        Assert.DoesNotContain("AcceptInvitation", export, StringComparison.Ordinal);
        Assert.DoesNotContain("token=", export, StringComparison.Ordinal);
        // the confirmation link went to the victim's mailbox, not the attacker's; the attacker's old address was warned
        await using var check = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        Assert.True(await check.OutboxEmails.AnyAsync(m => m.ToAddress == victim && m.ContainsSecret && m.TextBody.Contains("/Account/ConfirmEmail?token="), Ct));
        Assert.True(await check.OutboxEmails.AnyAsync(m => m.ToAddress == before && m.TextBody.Contains(victim), Ct));
    }

    [Fact]
    public async Task ConfirmEmail_ByTheAccountThatAskedWithinADay_ChangesTheSignInName_OnceOnly()
    {
        var w = await World.CreateAsync(fx, Ct);
        var user = w.Accountant;
        var old = await EmailOfAsync(user.UserId!);
        var wanted = "new-" + old;
        Assert.True((await Privacy.RectifyAsync(user, new RectificationInput { DisplayName = "Acc", Email = wanted, CurrentPassword = World.Password }, Ct)).Succeeded);
        var token = await LastTokenSentToAsync(wanted);
        var changes = fx.Get<IEmailChangeService>();

        // the link alone is not enough: someone else signed in who follows it changes nothing
        Assert.Equal("error.email_change_invalid", (await changes.ConfirmAsync(w.Syndic, token, Ct)).FirstError!.Code);
        Assert.True((await changes.ConfirmAsync(user, token, Ct)).Succeeded);
        Assert.Equal(wanted, await EmailOfAsync(user.UserId!));
        Assert.Equal("error.email_change_invalid", (await changes.ConfirmAsync(user, token, Ct)).FirstError!.Code);
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityId == user.UserId && a.Action == "account.email_changed", Ct));
        Assert.True(await db.OutboxEmails.AnyAsync(m => m.ToAddress == old && m.TextBody.Contains(wanted) && m.Subject.Contains("KoproGo"), Ct));
    }

    [Fact]
    public async Task ConfirmEmail_After24Hours_IsRefused()
    {
        var w = await World.CreateAsync(fx, Ct);
        var wanted = "late-" + await EmailOfAsync(w.Accountant.UserId!);
        Assert.True((await Privacy.RectifyAsync(w.Accountant, new RectificationInput { DisplayName = "Acc", Email = wanted, CurrentPassword = World.Password }, Ct)).Succeeded);
        var token = await LastTokenSentToAsync(wanted);
        var tomorrow = new EmailChangeService(fx.Get<IKoproGoDbFactory>(), fx.Get<ILookupNormalizer>(), Later(TimeSpan.FromHours(25)), fx.Get<AppOptions>());
        Assert.Equal("error.email_change_invalid", (await tomorrow.ConfirmAsync(w.Accountant, token, Ct)).FirstError!.Code);
    }

    [Fact]
    public async Task AdminChangesEmail_OfAUserOfTheirOrganisation_IsPendingUntilConfirmed_OfAnotherOrganisation_IsNotFound()
    {
        var w = await World.CreateAsync(fx, Ct);
        var other = await World.CreateAsync(fx, Ct);
        var admin = fx.Get<IUserAdminService>();
        var old = await EmailOfAsync(w.Accountant.UserId!);
        Assert.True((await admin.ChangeEmailAsync(w.Syndic, new ChangeEmailInput { UserId = w.Accountant.UserId!, Email = "moved-" + old }, Ct)).Succeeded);
        Assert.Equal(old, await EmailOfAsync(w.Accountant.UserId!));
        Assert.Equal(Errors.NotFound, (await admin.ChangeEmailAsync(other.Syndic, new ChangeEmailInput { UserId = w.Accountant.UserId!, Email = "x-" + old }, Ct)).FirstError!.Code);
        Assert.True((await fx.Get<IEmailChangeService>().ConfirmAsync(w.Accountant, await LastTokenSentToAsync("moved-" + old), Ct)).Succeeded);
        Assert.Equal("moved-" + old, await EmailOfAsync(w.Accountant.UserId!));
    }

    [Fact]
    public async Task OutboxPage_AndDelivery_NeverShowOrKeepATokenLink_AndDeliveredMailsArePurgedAfter30Days()
    {
        var w = await World.CreateAsync(fx, Ct);
        Assert.True((await fx.Get<IInvitationService>().InviteOwnerAsync(w.Syndic, w.OwnerB, Ct)).Succeeded);
        var admin = await World.UserAsync(fx, $"admin-{Guid.NewGuid():N}@example.be", [], Ct) with { IsSuperAdmin = true };
        var rows = (await fx.Get<INotificationService>().OutboxAsync(admin, 500, Ct)).Value;
        Assert.DoesNotContain(rows, r => r.Body.Contains("token=", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Body.Contains(OutboxEmail.RedactedLink, StringComparison.Ordinal));

        var transport = new RecordingTransport();
        await fx.OutboxJob(transport).RunAsync(Ct);
        Assert.Contains(transport.Bodies, b => b.Contains("/Account/AcceptInvitation?token=", StringComparison.Ordinal));   // the mailbox gets the link
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct))
            Assert.False(await db.OutboxEmails.AnyAsync(m => m.SentAt != null && m.TextBody.Contains("token="), Ct));       // the stored copy does not

        var later = Later(TimeSpan.FromDays(31));
        Assert.True(await new PurgeDeliveredMailsJob(fx.Get<IKoproGoDbFactory>(), later, fx.Get<AppOptions>()).RunAsync(Ct) > 0);
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct))
            Assert.False(await db.OutboxEmails.AnyAsync(m => m.SentAt != null && m.SentAt < later.GetUtcNow().AddDays(-30), Ct));
    }

    private sealed class RecordingTransport : IEmailTransport
    {
        public List<string> Bodies { get; } = [];
        public bool IsConfigured => true;

        public Task SendAsync(MimeKit.MimeMessage message, CancellationToken ct)
        {
            lock (Bodies)
                Bodies.Add(message.TextBody ?? "");
            return Task.CompletedTask;
        }
    }

    // ---- 2. nobody gains power over another's account without their consent

    [Fact]
    public async Task Grant_ToAnExistingAccount_IsAnInvitation_NoMembershipUntilAccepted()
    {
        var w = await World.CreateAsync(fx, Ct);
        var other = await World.CreateAsync(fx, Ct);
        var admin = fx.Get<IUserAdminService>();
        var email = await EmailOfAsync(other.Syndic.UserId!);
        var granted = await admin.GrantAsync(w.Syndic, new GrantRoleInput { Email = email, DisplayName = "X", OrganisationId = w.OrganisationId, Role = Role.Accountant }, Ct);
        Assert.Equal(GrantOutcome.Invited, granted.Value);
        Assert.DoesNotContain((await FreshAsync(other.Syndic)).Grants, g => g.OrganisationId == w.OrganisationId);
        Assert.Equal("error.invitation_pending", (await admin.GrantAsync(w.Syndic, new GrantRoleInput { Email = email, DisplayName = "X", OrganisationId = w.OrganisationId, Role = Role.Accountant }, Ct)).FirstError!.Code);
        var invitations = fx.Get<IInvitationService>();
        var offer = Assert.Single(await invitations.MyInvitationsAsync(other.Syndic, Ct));
        Assert.True((await invitations.DeclineRoleAsync(other.Syndic, offer.Id, Ct)).Succeeded);
        Assert.DoesNotContain((await FreshAsync(other.Syndic)).Grants, g => g.OrganisationId == w.OrganisationId);
    }

    [Fact]
    public async Task RevokeTwoFactor_OfASuperAdminOrAUserWithRolesElsewhere_IsRefusedAndAudited_OfOwnStaff_Works()
    {
        var w = await World.CreateAsync(fx, Ct);
        var other = await World.CreateAsync(fx, Ct);
        var twoFactor = fx.Get<ITwoFactorService>();
        async Task<Actor> WithTwoFactorAsync(Actor a)
        {
            var setup = await twoFactor.BeginSetupAsync(a, World.Password, Ct);
            var secret = OtpNet.Base32Encoding.ToBytes(setup.Value.KeyText.Replace(" ", "", StringComparison.Ordinal));
            Assert.True((await twoFactor.ConfirmSetupAsync(a, Totp.CodeAt(secret, Totp.StepAt(fx.Clock.GetUtcNow()) - 1), Ct)).Succeeded);
            return a;
        }
        // a SuperAdmin who also holds an accountant role in the syndic's organisation
        var admin = await World.UserAsync(fx, $"sa-{Guid.NewGuid():N}@example.be", [new Grant(Role.Accountant, w.OrganisationId)], Ct);
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct))
            await db.Users.Where(u => u.Id == admin.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsSuperAdmin, true), Ct);
        await WithTwoFactorAsync(await FreshAsync(admin));
        // a syndic of another organisation who is also a board member here
        var shared = await World.UserAsync(fx, $"shared-{Guid.NewGuid():N}@example.be", [new Grant(Role.Syndic, other.OrganisationId), new Grant(Role.BoardMember, w.OrganisationId, w.BuildingA)], Ct);
        await WithTwoFactorAsync(shared);
        await WithTwoFactorAsync(w.Accountant);

        Assert.Equal(Errors.Forbidden, (await twoFactor.RevokeAsync(w.Syndic, admin.UserId!, Ct)).FirstError!.Code);
        Assert.Equal(Errors.Forbidden, (await twoFactor.RevokeAsync(w.Syndic, shared.UserId!, Ct)).FirstError!.Code);
        Assert.True((await twoFactor.StatusAsync(admin, Ct)).Enabled);
        Assert.True((await twoFactor.StatusAsync(shared, Ct)).Enabled);
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct))
            Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.UserId == w.Syndic.UserId && a.Action == "2fa.revoke_refused", Ct));
        Assert.True((await twoFactor.RevokeAsync(w.Syndic, w.Accountant.UserId!, Ct)).Succeeded);
    }

    // ---- 3. removed rights stop working at once

    [Fact]
    public async Task RevokeMembership_AndSuspendOrganisation_RotateTheSecurityStamps()
    {
        var w = await World.CreateAsync(fx, Ct);
        async Task<string> StampAsync(string userId)
        {
            await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
            return await db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp!).FirstAsync(Ct);
        }
        var accountantStamp = await StampAsync(w.Accountant.UserId!);
        Guid membership;
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct))
            membership = await db.Memberships.Where(m => m.UserId == w.Accountant.UserId).Select(m => m.Id).FirstAsync(Ct);
        Assert.True((await fx.Get<IUserAdminService>().RevokeAsync(w.Syndic, membership, Ct)).Succeeded);
        Assert.NotEqual(accountantStamp, await StampAsync(w.Accountant.UserId!));

        var ownerStamp = await StampAsync(w.OwnerActorA.UserId!);
        var admin = new Actor("platform", "platform", true, []);
        Assert.True((await fx.Get<IOrganisationService>().SetSuspendedAsync(admin, w.OrganisationId, true, Ct)).Succeeded);
        Assert.NotEqual(ownerStamp, await StampAsync(w.OwnerActorA.UserId!));
        Assert.Empty((await FreshAsync(w.OwnerActorA)).Grants);
    }

    // ---- 6, 7. second factor and password checks

    [Fact]
    public async Task SuperAdmin_WithoutTwoFactor_MustEnableIt_AndCannotTurnItOff()
    {
        var admin = await World.UserAsync(fx, $"sa-{Guid.NewGuid():N}@example.be", [], Ct) with { IsSuperAdmin = true };
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct))
            await db.Users.Where(u => u.Id == admin.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsSuperAdmin, true), Ct);
        var twoFactor = fx.Get<ITwoFactorService>();
        Assert.True(await twoFactor.MustEnableAsync(admin, Ct));
        var setup = await twoFactor.BeginSetupAsync(admin, World.Password, Ct);
        var secret = OtpNet.Base32Encoding.ToBytes(setup.Value.KeyText.Replace(" ", "", StringComparison.Ordinal));
        Assert.True((await twoFactor.ConfirmSetupAsync(admin, Totp.CodeAt(secret, Totp.StepAt(fx.Clock.GetUtcNow()) - 1), Ct)).Succeeded);
        Assert.False(await twoFactor.MustEnableAsync(admin, Ct));
        Assert.Equal("error.2fa_required_admin", (await twoFactor.DisableAsync(admin, World.Password, Ct)).FirstError!.Code);
    }

    [Fact]
    public async Task BeginSetup_NeedsThePassword_AndTheCodeMustFollowWithinFiveMinutes()
    {
        var user = await World.UserAsync(fx, $"u-{Guid.NewGuid():N}@example.be", [], Ct);
        var twoFactor = fx.Get<ITwoFactorService>();
        Assert.Equal("error.password_wrong", (await twoFactor.BeginSetupAsync(user, "not-it", Ct)).FirstError!.Code);
        var setup = await twoFactor.BeginSetupAsync(user, World.Password, Ct);
        var secret = OtpNet.Base32Encoding.ToBytes(setup.Value.KeyText.Replace(" ", "", StringComparison.Ordinal));
        var later = Later(TimeSpan.FromMinutes(6));
        var inSixMinutes = new TwoFactorService(fx.Get<IKoproGoDbFactory>(), fx.Get<SecretProtector>(), fx.Get<IPasswordHasher<AppUser>>(), later, fx.Get<INotificationService>());
        Assert.Equal("error.2fa_setup_expired", (await inSixMinutes.ConfirmSetupAsync(user, Totp.CodeAt(secret, Totp.StepAt(later.GetUtcNow())), Ct)).FirstError!.Code);
    }

    [Fact]
    public async Task ConfirmSetup_TwiceInParallel_TurnsItOnOnce_WithOneSetOfBackupCodes()
    {
        var user = await World.UserAsync(fx, $"u-{Guid.NewGuid():N}@example.be", [], Ct);
        var twoFactor = fx.Get<ITwoFactorService>();
        var setup = await twoFactor.BeginSetupAsync(user, World.Password, Ct);
        var secret = OtpNet.Base32Encoding.ToBytes(setup.Value.KeyText.Replace(" ", "", StringComparison.Ordinal));
        var code = Totp.CodeAt(secret, Totp.StepAt(fx.Clock.GetUtcNow()));
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => twoFactor.ConfirmSetupAsync(user, code, Ct), Ct)));
        Assert.Single(results, r => r.Succeeded);
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        Assert.Equal(BackupCodes.Count, await db.BackupCodes.CountAsync(c => c.UserId == user.UserId, Ct));
    }

    [Fact]
    public async Task WrongPasswords_InTheApp_CountTowardsTheSignInLockout()
    {
        var user = await World.UserAsync(fx, $"u-{Guid.NewGuid():N}@example.be", [], Ct);
        for (var i = 0; i < PasswordPolicy.MaxFailures; i++)
            Assert.Equal("error.password_wrong", (await Privacy.EraseAsync(user, "guess-" + i, Ct)).FirstError!.Code);
        // the right one no longer helps for 15 minutes, here and on the sign-in form
        Assert.Equal("error.password_locked", (await fx.Get<ITwoFactorService>().BeginSetupAsync(user, World.Password, Ct)).FirstError!.Code);
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        var row = await db.Users.SingleAsync(u => u.Id == user.UserId, Ct);
        Assert.True(row.LockoutEnd > fx.Clock.GetUtcNow());
        Assert.Equal(PasswordPolicy.MaxFailures, await db.AuditEntries.CountAsync(a => a.UserId == user.UserId && a.Action == "gdpr.erase_refused" && a.Details == "wrong_password", Ct));
    }

    // ---- 9. change of password

    [Fact]
    public async Task ChangePassword_WrongCurrentOrCommonNew_IsRefused_AGoodOneEndsOtherSessions()
    {
        var user = await World.UserAsync(fx, $"u-{Guid.NewGuid():N}@example.be", [], Ct);
        var passwords = fx.Get<IPasswordService>();
        Assert.Equal("error.password_wrong", (await passwords.ChangeAsync(user, new ChangePasswordInput { CurrentPassword = "nope", NewPassword = "Lantern-Orbit-77", ConfirmPassword = "Lantern-Orbit-77" }, Ct)).FirstError!.Code);
        foreach (var common in new[] { "password1234", "Qwertyuiop1", "1234567890" })
            Assert.Contains((await passwords.ChangeAsync(user, new ChangePasswordInput { CurrentPassword = World.Password, NewPassword = common, ConfirmPassword = common }, Ct)).Errors,
                e => e.Code == "identity.PasswordTooCommon");
        string stamp;
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct))
            stamp = await db.Users.Where(u => u.Id == user.UserId).Select(u => u.SecurityStamp!).FirstAsync(Ct);
        Assert.True((await passwords.ChangeAsync(user, new ChangePasswordInput { CurrentPassword = World.Password, NewPassword = "Lantern-Orbit-77", ConfirmPassword = "Lantern-Orbit-77" }, Ct)).Succeeded);
        await using var check = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        var row = await check.Users.SingleAsync(u => u.Id == user.UserId, Ct);
        Assert.NotEqual(stamp, row.SecurityStamp);
        Assert.NotEqual(PasswordVerificationResult.Failed, fx.Get<IPasswordHasher<AppUser>>().VerifyHashedPassword(row, row.PasswordHash!, "Lantern-Orbit-77"));
        Assert.True(await check.OutboxEmails.AnyAsync(m => m.RecipientUserId == user.UserId && m.Subject.Contains("KoproGo"), Ct));
    }

    // ---- concurrency decided by the database (money issue #12, item 20, for the parts that live here)

    [Fact]
    public async Task InviteOwner_TwiceInParallel_LeavesOneOpenInvitation()
    {
        var w = await World.CreateAsync(fx, Ct);
        var invitations = fx.Get<IInvitationService>();
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => invitations.InviteOwnerAsync(w.Syndic, w.OwnerA, Ct), Ct)));
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        Assert.Equal(1, await db.Invitations.CountAsync(i => i.OwnerId == w.OwnerA && i.AcceptedAt == null && i.RevokedAt == null, Ct));
    }

    // ---- low: photos, documents and what a tenant sees

    [Fact]
    public async Task CommunityPhotos_OverTheDailyQuota_AreRefused_AndUnusedOnesAreRemovedAfterADay()
    {
        var w = await World.CreateAsync(fx, Ct);
        var files = fx.Get<IFileService>();
        var options = fx.Get<FileStoreOptions>();
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        var ids = new List<Guid>();
        for (var i = 0; i < options.PhotosPerDay; i++)
            ids.Add((await files.UploadAsync(w.OwnerActorA, w.BuildingA, new MemoryStream(png), "p.png", FileUse.CommunityPhoto, Ct)).Value);
        Assert.Equal("error.photo_quota", (await files.UploadAsync(w.OwnerActorA, w.BuildingA, new MemoryStream(png), "p.png", FileUse.CommunityPhoto, Ct)).FirstError!.Code);
        var notice = (await fx.Get<INoticeService>().SaveAsync(w.OwnerActorA, w.BuildingA, null, new NoticeInput { Category = NoticeCategory.ForSale, Title = "Vélo", Body = "Bon état", Price = 50m, PhotoFileIds = [ids[0]] }, Ct)).Value;
        Assert.NotEqual(Guid.Empty, notice);

        var cleanUp = new RemoveUnusedPhotosJob(fx.Get<IKoproGoDbFactory>(), fx.Get<IFileStore>(), Later(TimeSpan.FromHours(25)));
        Assert.True(await cleanUp.RunAsync(Ct) >= options.PhotosPerDay - 1);
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        Assert.True(await db.Files.AnyAsync(f => f.Id == ids[0], Ct));
        Assert.False(await db.Files.AnyAsync(f => f.Id == ids[1], Ct));
        Assert.Equal(0, await cleanUp.RunAsync(Ct));
    }

    [Fact]
    public async Task Tenant_ReadsOnlyDocumentsForOccupants_AndNoBudget()
    {
        var w = await World.CreateAsync(fx, Ct);
        var files = fx.Get<IFileService>();
        var rules = (await files.UploadBuildingDocumentAsync(w.Syndic, w.BuildingA, new MemoryStream("%PDF-1.7 roi"u8.ToArray()), "roi.pdf", Ct, DocumentAudience.Residents)).Value;
        var accounts = (await files.UploadBuildingDocumentAsync(w.Syndic, w.BuildingA, new MemoryStream("%PDF-1.7 comptes"u8.ToArray()), "comptes.pdf", Ct)).Value;
        var contract = (await files.UploadBuildingDocumentAsync(w.Syndic, w.BuildingA, new MemoryStream("%PDF-1.7 contrat"u8.ToArray()), "contrat.pdf", Ct, DocumentAudience.Staff)).Value;

        Assert.Equal([rules], (await files.BuildingDocumentsAsync(w.TenantA, w.BuildingA, Ct)).Value.Select(f => f.Id).ToArray());
        Assert.Equal(ErrorKind.NotFound, (await files.OpenAsync(w.TenantA, accounts, Ct)).FirstError!.Kind);
        var ownerReads = (await files.BuildingDocumentsAsync(w.OwnerActorA, w.BuildingA, Ct)).Value.Select(f => f.Id).ToHashSet();
        Assert.True(ownerReads.SetEquals([accounts, rules]));
        Assert.DoesNotContain(contract, (await files.BuildingDocumentsAsync(w.BoardMemberA, w.BuildingA, Ct)).Value.Select(f => f.Id));
        Assert.Contains(contract, (await files.BuildingDocumentsAsync(w.Accountant, w.BuildingA, Ct)).Value.Select(f => f.Id));
        Assert.Equal(ErrorKind.Forbidden, (await fx.Get<IBudgetService>().ListAsync(w.TenantA, w.BuildingA, Ct)).FirstError!.Kind);
    }
}
