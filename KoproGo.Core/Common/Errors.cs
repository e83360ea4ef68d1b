namespace KoproGo.Core.Common;

/// <summary>Error codes shared by every feature. Each is a key in Resources/Texts.resx (fr, nl, en).</summary>
public static class Errors
{
    public const string NotFound = "error.not_found";
    public const string Forbidden = "error.forbidden";
    public const string Required = "error.required";
    public const string TooLong = "error.too_long";
    public const string Concurrency = "error.concurrency";
    public const string InvalidEmail = "error.invalid_email";

    public static Error NotFoundError => new(NotFound);
    public static Error ForbiddenError => new(Forbidden);
}
