using System.Security.Cryptography;
using OtpNet;

namespace KoproGo.Core.Features.Security;

/// <summary>RFC 6238 time-based codes: 6 digits, 30-second steps, SHA-1 (what Google/Microsoft Authenticator and Authy expect).</summary>
public static class Totp
{
    public const int Digits = 6, StepSeconds = 30, SecretBytes = 20;   // 160-bit secret (RFC 4226 §4 recommends ≥ 160)

    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(SecretBytes);

    public static long StepAt(DateTimeOffset instant) => instant.ToUnixTimeSeconds() / StepSeconds;

    public static string CodeAt(byte[] secret, long step) =>
        new OtpNet.Totp(secret, StepSeconds, OtpHashMode.Sha1, Digits).ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * StepSeconds).UtcDateTime);

    /// <summary>
    /// The step a code belongs to among t−1, t, t+1 (clock skew of one step each way, no more), or null. A code that
    /// is not exactly six ASCII digits never matches. Replay is the caller's business (the database remembers the
    /// last accepted step).
    /// </summary>
    public static long? MatchStep(byte[] secret, string? code, DateTimeOffset now)
    {
        if (code is not { Length: Digits } || !code.All(char.IsAsciiDigit))
            return null;
        var current = StepAt(now);
        for (var step = current - 1; step <= current + 1; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(CodeAt(secret, step)), System.Text.Encoding.ASCII.GetBytes(code)))
                return step;
        }
        return null;
    }

    public static string Base32(byte[] secret) => Base32Encoding.ToString(secret);

    /// <summary>otpauth://totp/KoproGo:{email}?secret=…&amp;issuer=KoproGo for the QR code.</summary>
    public static string OtpAuthUri(byte[] secret, string email) =>
        new OtpUri(OtpType.Totp, Base32(secret), email, "KoproGo", OtpHashMode.Sha1, Digits, StepSeconds).ToString();
}

/// <summary>
/// AES-256-GCM for TOTP secrets at rest. The key comes from configuration (Security:TotpKey, 32 bytes base64), never
/// from the database, so a database dump alone reveals no secret. Stored form: base64(nonce | tag | ciphertext).
/// </summary>
public sealed class SecretProtector(byte[] key)
{
    private const int NonceSize = 12, TagSize = 16;

    public string Protect(byte[] plaintext)
    {
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var cipher = new byte[plaintext.Length];
        var tag = new byte[TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, cipher, tag);
        return Convert.ToBase64String([.. nonce, .. tag, .. cipher]);
    }

    /// <summary>Throws CryptographicException when the value was altered or the key is wrong.</summary>
    public byte[] Unprotect(string stored)
    {
        var bytes = Convert.FromBase64String(stored);
        var plain = new byte[bytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(bytes.AsSpan(0, NonceSize), bytes.AsSpan(NonceSize + TagSize), bytes.AsSpan(NonceSize, TagSize), plain);
        return plain;
    }
}

/// <summary>Single-use backup codes: shown once, stored as salted PBKDF2 hashes only.</summary>
public static class BackupCodes
{
    public const int Count = 10;
    private const int Iterations = 10_000;   // a code has 50 bits of entropy; this keeps 10 checks per sign-in cheap

    public static string NewCode()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";   // no 0/o, 1/l/i look-alikes
        var chars = Enumerable.Range(0, 10).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray();
        return new string(chars, 0, 5) + "-" + new string(chars, 5, 5);
    }

    public static string Normalise(string code) => new string(code.Where(char.IsAsciiLetterOrDigit).ToArray()).ToLowerInvariant();

    public static string Hash(string code)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return Convert.ToBase64String(salt) + ":" + Convert.ToBase64String(Derive(Normalise(code), salt));
    }

    public static bool Matches(string code, string stored)
    {
        var parts = stored.Split(':');
        return parts.Length == 2 && CryptographicOperations.FixedTimeEquals(Derive(Normalise(code), Convert.FromBase64String(parts[0])), Convert.FromBase64String(parts[1]));
    }

    private static byte[] Derive(string code, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(System.Text.Encoding.UTF8.GetBytes(code), salt, Iterations, HashAlgorithmName.SHA256, 32);
}
