using System.Net.Mail;

namespace KoproGo.Core.Common;

/// <summary>Collects every field error of an input at once, so a form can show them all together.</summary>
public sealed class Validation
{
    private readonly List<Error> _errors = [];

    public IReadOnlyList<Error> Errors => _errors;
    public bool IsValid => _errors.Count == 0;

    public Validation Rule(bool ok, string field, string code, params object?[] args)
    {
        if (!ok)
            _errors.Add(new Error(code, args, field));
        return this;
    }

    public Validation Required(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
            return Rule(false, field, Common.Errors.Required);
        return Rule(value.Trim().Length <= maxLength, field, Common.Errors.TooLong, maxLength);
    }

    public Validation Optional(string? value, string field, int maxLength) =>
        Rule(value is null || value.Trim().Length <= maxLength, field, Common.Errors.TooLong, maxLength);

    /// <summary>An amount a person typed: at most <see cref="Money.Max"/> either way (more is a typing slip, and overflows).</summary>
    public Validation Amount(decimal? value, string field) => Rule(Money.InRange(value), field, "error.amount_too_large");

    /// <summary>A calendar date a person typed: present when required, and between the product's plausible bounds.</summary>
    public Validation Date(DateOnly? value, string field, bool required = true)
    {
        // an empty required field arrives as null or as DateOnly's default; an optional one is empty only as null
        if (value is not { } date || (required && date == default))
            return required ? Rule(false, field, Common.Errors.Required) : this;
        return Rule(BusinessTime.InRange(date), field, "error.date_out_of_range", BusinessTime.Earliest.Year, BusinessTime.Latest.Year);
    }

    /// <summary>The same for an instant (a booking, an event): its UTC day within the bounds.</summary>
    public Validation Instant(DateTimeOffset? value, string field) =>
        Rule(value is not { } instant || BusinessTime.InRange(instant), field, "error.date_out_of_range", BusinessTime.Earliest.Year, BusinessTime.Latest.Year);

    public Validation Email(string? value, string field, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
            return required ? Rule(false, field, Common.Errors.Required) : this;
        return Rule(IsEmail(value), field, Common.Errors.InvalidEmail);
    }

    private static readonly System.Buffers.SearchValues<char> EmailSpecials = System.Buffers.SearchValues.Create("\"<>()[]\\,;: ");

    public static bool IsEmail(string value)
    {
        value = value.Trim();
        // RFC 5322 allows quoted local parts ("<img src=x>"@example.be) and comments; no mailbox a syndic writes to
        // needs them, and they carry markup into every list and mail: the plain dot-atom form only
        return value.Length <= TextLengths.Email && MailAddress.TryCreate(value, out var address) && address.Address == value
               && value.Contains('.', StringComparison.Ordinal) && value.AsSpan().IndexOfAny(EmailSpecials) < 0;
    }

    public Result ToResult() => IsValid ? Result.Ok() : Result.Fail(_errors);
}

public static class Text
{
    /// <summary>Trims, and turns blank into null, for optional free-text fields.</summary>
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
