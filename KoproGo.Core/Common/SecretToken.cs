using System.Security.Cryptography;
using System.Text;

namespace KoproGo.Core.Common;

/// <summary>
/// Single-use secrets sent by email (invitations, email confirmations): 256 random bits, URL-safe. Only the SHA-256
/// of a token is stored, so the database never holds a usable link.
/// </summary>
public static class SecretToken
{
    public const int MaxLength = 100;

    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A value that cannot be a token of ours is refused before it reaches a query.</summary>
    public static bool LooksValid(string? token) => !string.IsNullOrWhiteSpace(token) && token.Length <= MaxLength && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
