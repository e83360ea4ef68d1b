using System.Security.Cryptography;
using System.Text;
using KoproGo.Core.Features.Security;

namespace KoproGo.Core.Tests;

public class TotpTests
{
    // RFC 6238 appendix B, SHA-1 secret "12345678901234567890"; the six last digits of its 8-digit values
    private static readonly byte[] RfcSecret = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory]
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(1111111111L, "050471")]
    [InlineData(1234567890L, "005924")]
    [InlineData(2000000000L, "279037")]
    [InlineData(20000000000L, "353130")]
    public void CodeAt_Rfc6238Vectors_Match(long unixSeconds, string expected) =>
        Assert.Equal(expected, Totp.CodeAt(RfcSecret, Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds))));

    [Theory]
    [InlineData(-2, false)]
    [InlineData(-1, true)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(2, false)]
    public void MatchStep_OnlyOneStepEachWay(int offset, bool accepted)
    {
        var secret = Totp.NewSecret();
        var now = new DateTimeOffset(2026, 11, 25, 10, 0, 15, TimeSpan.Zero);
        var step = Totp.StepAt(now) + offset;
        var match = Totp.MatchStep(secret, Totp.CodeAt(secret, step), now);
        Assert.Equal(accepted ? step : null, match);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("１２３４５６")]   // full-width digits are not ASCII digits
    public void MatchStep_MalformedCode_NeverMatches(string? code) =>
        Assert.Null(Totp.MatchStep(Totp.NewSecret(), code, DateTimeOffset.UtcNow));

    [Fact]
    public void NewSecret_Is160Bits_AndUriNamesIssuer()
    {
        var secret = Totp.NewSecret();
        Assert.Equal(20, secret.Length);
        var uri = Totp.OtpAuthUri(secret, "marie@example.be");
        Assert.StartsWith("otpauth://totp/KoproGo:marie%40example.be?", uri, StringComparison.Ordinal);
        Assert.Contains("issuer=KoproGo", uri, StringComparison.Ordinal);
    }

    [Fact]
    public void SecretProtector_RoundTrips_AndDetectsTampering()
    {
        var protector = new SecretProtector(RandomNumberGenerator.GetBytes(32));
        var secret = Totp.NewSecret();
        var stored = protector.Protect(secret);
        Assert.DoesNotContain(Totp.Base32(secret), stored, StringComparison.Ordinal);
        Assert.Equal(secret, protector.Unprotect(stored));
        var bytes = Convert.FromBase64String(stored);
        bytes[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(Convert.ToBase64String(bytes)));
        Assert.ThrowsAny<CryptographicException>(() => new SecretProtector(RandomNumberGenerator.GetBytes(32)).Unprotect(stored));
    }

    [Fact]
    public void BackupCodes_HashedWithSalt_MatchOnlyTheirCode()
    {
        var code = BackupCodes.NewCode();
        var a = BackupCodes.Hash(code);
        var b = BackupCodes.Hash(code);
        Assert.NotEqual(a, b);                                   // salted
        Assert.DoesNotContain(BackupCodes.Normalise(code), a, StringComparison.Ordinal);
        Assert.True(BackupCodes.Matches(code.ToUpperInvariant(), a));   // typed in capitals, with or without the dash
        Assert.True(BackupCodes.Matches(code.Replace("-", "", StringComparison.Ordinal), a));
        Assert.False(BackupCodes.Matches(BackupCodes.NewCode(), a));
    }
}
