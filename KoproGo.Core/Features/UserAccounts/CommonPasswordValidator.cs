using Microsoft.AspNetCore.Identity;
using Zxcvbn.Matcher;

namespace KoproGo.Core.Features.UserAccounts;

/// <summary>
/// Refuses passwords that guessers try first (OWASP ASVS V6.2.4/V6.2.12): one of the 10,000 most common passwords of the
/// list shipped inside zxcvbn (case, l33t and a repeated word included), or anything zxcvbn scores as guessable in under
/// a million tries (score 0–1, e.g. the user's own email or name). Nothing is looked up over the network.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    public const int TopCommon = 10_000;

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
            return Task.FromResult(IdentityResult.Success);
        return Task.FromResult(IsTooCommon(password, [user.Email ?? "", user.DisplayName])
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordTooCommon", Description = "This password is too common." })
            : IdentityResult.Success);
    }

    public static bool IsTooCommon(string password, IEnumerable<string> userInputs)
    {
        var result = Zxcvbn.Zxcvbn.MatchPassword(password, userInputs.Where(s => s.Length > 0).ToList());
        var common = result.MatchSequence.OfType<DictionaryMatch>()
            .Any(m => m.DictionaryName == "passwords" && m.Rank <= TopCommon && m.Token.Length >= password.Length - 1);
        return common || result.Score <= 1;
    }
}
