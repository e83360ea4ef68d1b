using System.Text;

namespace KoproGo.Web.Security;

/// <summary>
/// The static forms (sign-in, 2FA code, forgotten and reset password, invitation) are plain HTML posts. A NUL in one
/// of their fields made the form unreadable to the antiforgery check, which answered a bare English 400 instead of
/// the form with its message. NUL carries no meaning in text (the database drops it too, see NulStripping), so it
/// leaves the posted form here, before anything reads it. Circuits do not post forms; they are not concerned.
/// </summary>
public static class NulFreeForms
{
    private const long MaxFormBytes = 1024 * 1024;

    public static IApplicationBuilder UseNulFreeForms(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && request.HasFormContentType
            && request.ContentType!.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            && request.ContentLength is > 0 and <= MaxFormBytes)
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8, leaveOpen: true);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var clean = body.Contains("%00", StringComparison.Ordinal) || body.Contains('\0', StringComparison.Ordinal)
                ? body.Replace("%00", "", StringComparison.Ordinal).Replace("\0", "", StringComparison.Ordinal)
                : body;
            var bytes = Encoding.UTF8.GetBytes(clean);
            request.Body = new MemoryStream(bytes);
            request.ContentLength = bytes.Length;
        }
        await next();
    });
}
