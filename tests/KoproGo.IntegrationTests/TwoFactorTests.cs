using KoproGo.Core.Common;
using KoproGo.Core.Features.Security;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KoproGo.IntegrationTests;

[Collection(DatabaseCollection.Name)]
public class TwoFactorTests(DatabaseFixture fx)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A user with 2FA on; returns the actor, the raw secret (read back as the app would) and the backup codes.</summary>
    private async Task<(Actor Actor, byte[] Secret, IReadOnlyList<string> Codes)> EnabledAsync()
    {
        var actor = await World.UserAsync(fx, $"tfa-{Guid.NewGuid():N}@example.be", [], Ct);
        var service = fx.Get<ITwoFactorService>();
        var setup = await service.BeginSetupAsync(actor, World.Password, Ct);
        var secret = OtpNet.Base32Encoding.ToBytes(setup.Value.KeyText.Replace(" ", "", StringComparison.Ordinal));
        // confirm with the previous step's code, so the current step is still free for the test
        var previous = Totp.CodeAt(secret, Totp.StepAt(fx.Clock.GetUtcNow()) - 1);
        var codes = await service.ConfirmSetupAsync(actor, previous, Ct);
        Assert.True(codes.Succeeded, codes.FirstError?.Code);
        return (actor, secret, codes.Value);
    }

    [Fact]
    public async Task CheckCode_SameCodeTwice_AcceptedOnce()
    {
        var (actor, secret, _) = await EnabledAsync();
        var service = fx.Get<ITwoFactorService>();
        var code = Totp.CodeAt(secret, Totp.StepAt(fx.Clock.GetUtcNow()));
        Assert.Equal(CodeCheck.Accepted, await service.CheckCodeAsync(actor.UserId!, code, Ct));
        Assert.Equal(CodeCheck.Replayed, await service.CheckCodeAsync(actor.UserId!, code, Ct));
        // an older step than the last accepted one is a replay too
        Assert.Equal(CodeCheck.Replayed, await service.CheckCodeAsync(actor.UserId!, Totp.CodeAt(secret, Totp.StepAt(fx.Clock.GetUtcNow()) - 1), Ct));
    }

    [Fact]
    public async Task CheckCode_TwentyParallelRequests_ExactlyOneAccepted()
    {
        var (actor, secret, _) = await EnabledAsync();
        var service = fx.Get<ITwoFactorService>();
        var code = Totp.CodeAt(secret, Totp.StepAt(fx.Clock.GetUtcNow()) + 1);
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => service.CheckCodeAsync(actor.UserId!, code, Ct), Ct)));
        Assert.Equal(1, results.Count(r => r == CodeCheck.Accepted));
    }

    [Fact]
    public async Task CheckCode_FiveFailures_LocksForTheRestOfTheWindow()
    {
        var (actor, secret, _) = await EnabledAsync();
        var service = fx.Get<ITwoFactorService>();
        foreach (var wrong in new[] { "000000", "12345", "abcdef", "1234567", "999999" })
            Assert.NotEqual(CodeCheck.Accepted, await service.CheckCodeAsync(actor.UserId!, wrong, Ct));
        var good = Totp.CodeAt(secret, Totp.StepAt(fx.Clock.GetUtcNow()));
        Assert.Equal(CodeCheck.Locked, await service.CheckCodeAsync(actor.UserId!, good, Ct));
        Assert.NotNull(await service.LockedUntilAsync(actor.UserId!, Ct));

        fx.Clock.Advance(TwoFactorService.FailureWindow);
        var later = Totp.CodeAt(secret, Totp.StepAt(fx.Clock.GetUtcNow()));
        Assert.Equal(CodeCheck.Accepted, await service.CheckCodeAsync(actor.UserId!, later, Ct));
    }

    [Fact]
    public async Task BackupCode_SingleUse_AndRegenerationKillsOldOnes()
    {
        var (actor, _, codes) = await EnabledAsync();
        var service = fx.Get<ITwoFactorService>();
        Assert.Equal(10, codes.Count);
        Assert.Equal(CodeCheck.Accepted, await service.CheckBackupCodeAsync(actor.UserId!, codes[0], Ct));
        Assert.Equal(CodeCheck.Invalid, await service.CheckBackupCodeAsync(actor.UserId!, codes[0], Ct));
        Assert.Equal(9, (await service.StatusAsync(actor, Ct)).BackupCodesLeft);

        Assert.Equal("error.password_wrong", (await service.RegenerateBackupCodesAsync(actor, "nope", Ct)).FirstError!.Code);
    }

    [Fact]
    public async Task Storage_HoldsNoPlaintextSecretOrBackupCode()
    {
        var (actor, secret, codes) = await EnabledAsync();
        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        await conn.OpenAsync(Ct);
        await using var cmd = new NpgsqlCommand("SELECT coalesce(totp_secret, '') FROM \"AspNetUsers\" WHERE id = @id", conn);
        cmd.Parameters.AddWithValue("id", actor.UserId!);
        var stored = (string)(await cmd.ExecuteScalarAsync(Ct))!;
        Assert.NotEmpty(stored);
        Assert.DoesNotContain(Totp.Base32(secret), stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(secret), stored, StringComparison.Ordinal);

        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        var hashes = await db.BackupCodes.Where(c => c.UserId == actor.UserId).Select(c => c.Hash).ToListAsync(Ct);
        Assert.Equal(10, hashes.Count);
        Assert.DoesNotContain(hashes, h => codes.Any(c => h.Contains(BackupCodes.Normalise(c), StringComparison.Ordinal) || h.Contains(c, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Revoke_BySyndicOfAnotherOrganisation_Refused_BySuperAdmin_Done()
    {
        var (actor, _, _) = await EnabledAsync();
        var other = await World.CreateAsync(fx, Ct);
        var service = fx.Get<ITwoFactorService>();
        Assert.Equal(ErrorKind.NotFound, (await service.RevokeAsync(other.Syndic, actor.UserId!, Ct)).FirstError!.Kind);
        Assert.True((await service.RevokeAsync(Actor.System, actor.UserId!, Ct)).Succeeded);
        Assert.False((await service.StatusAsync(actor, Ct)).Enabled);
    }
}

[Collection(DatabaseCollection.Name)]
public class TwoFactorRequirementTests(DatabaseFixture fx)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OrganisationRequiresTwoFactor_SyndicAndAccountantMustEnable_OwnerNot()
    {
        var w = await World.CreateAsync(fx, Ct);
        var orgs = fx.Get<KoproGo.Core.Features.Organisations.IOrganisationService>();
        var organisation = (await orgs.GetAsync(w.Syndic, w.OrganisationId, Ct)).Value;
        var service = fx.Get<ITwoFactorService>();
        Assert.False(await service.MustEnableAsync(w.Syndic, Ct));

        var input = new KoproGo.Core.Features.Organisations.OrganisationInput { Name = organisation.Name, ContactEmail = organisation.ContactEmail, RequireTwoFactorForStaff = true };
        Assert.Equal(ErrorKind.Forbidden, (await orgs.UpdateAsync(w.Accountant, w.OrganisationId, input, Ct)).FirstError!.Kind);
        Assert.True((await orgs.UpdateAsync(w.Syndic, w.OrganisationId, input, Ct)).Succeeded);

        Assert.True(await service.MustEnableAsync(w.Syndic, Ct));
        Assert.True(await service.MustEnableAsync(w.Accountant, Ct));
        Assert.False(await service.MustEnableAsync(w.OwnerActorA, Ct));
        Assert.False(await service.MustEnableAsync(w.BoardMemberA, Ct));
        Assert.True((await service.StatusAsync(w.Syndic, Ct)).Required);

        // once the syndic has 2FA, nothing is required any more
        var setup = await service.BeginSetupAsync(w.Syndic, World.Password, Ct);
        var secret = OtpNet.Base32Encoding.ToBytes(setup.Value.KeyText.Replace(" ", "", StringComparison.Ordinal));
        Assert.True((await service.ConfirmSetupAsync(w.Syndic, Totp.CodeAt(secret, Totp.StepAt(fx.Clock.GetUtcNow())), Ct)).Succeeded);
        Assert.False(await service.MustEnableAsync(w.Syndic, Ct));
    }
}
