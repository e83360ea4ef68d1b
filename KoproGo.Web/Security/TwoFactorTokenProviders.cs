using KoproGo.Core.Features.Security;
using Microsoft.AspNetCore.Identity;

namespace KoproGo.Web.Security;

/// <summary>
/// Identity's second sign-in step delegates to <see cref="ITwoFactorService"/>: our TOTP (one acceptance per time
/// step, decided by the database, own failure window) instead of the template's authenticator provider, whose codes
/// can be replayed within their window and whose recovery codes are stored in plain text.
/// </summary>
public sealed class TotpTokenProvider(ITwoFactorService twoFactor) : IUserTwoFactorTokenProvider<AppUser>
{
    public const string Name = "KoproTotp";

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) =>
        Task.FromResult(user.TwoFactorEnabled && user.TotpSecret is not null);

    public Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user) =>
        Task.FromResult("");   // codes come from the user's authenticator app, never from us

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user) =>
        await twoFactor.CheckCodeAsync(user.Id, token, CancellationToken.None) == CodeCheck.Accepted;
}

public sealed class BackupCodeTokenProvider(ITwoFactorService twoFactor) : IUserTwoFactorTokenProvider<AppUser>
{
    public const string Name = "KoproBackup";

    // not offered as a primary provider: it only answers when the user types a backup code
    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) => Task.FromResult(false);

    public Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user) =>
        await twoFactor.CheckBackupCodeAsync(user.Id, token, CancellationToken.None) == CodeCheck.Accepted;
}

public static class TotpKey
{
    /// <summary>
    /// The AES-256 key of TOTP secrets: Security:TotpKey (base64, 32 bytes) from configuration; otherwise a key file
    /// (Security:TotpKeyFile, default .data/totp.key) created once with owner-only access. Never in the database.
    /// </summary>
    public static byte[] Load(IConfiguration config)
    {
        if (config["Security:TotpKey"] is { Length: > 0 } configured)
        {
            var key = Convert.FromBase64String(configured);
            return key.Length == 32 ? key : throw new InvalidOperationException("Security:TotpKey must be 32 bytes (base64).");
        }
        var path = Path.GetFullPath(config["Security:TotpKeyFile"] ?? ".data/totp.key");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            try
            {
                using var file = new FileStream(path, options);
                file.Write(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            }
            catch (IOException) when (File.Exists(path))
            {
                // another instance created it first: use theirs
            }
        }
        return File.ReadAllBytes(path);
    }
}
