namespace KoproGo.Core.Common;

/// <summary>
/// An expected failure: <see cref="Code"/> is the resource key of the message in <c>Resources/Texts.resx</c>,
/// <see cref="Args"/> fill its placeholders, <see cref="Field"/> names the input field it belongs to (if any).
/// </summary>
public sealed record Error(string Code, object?[] Args, string? Field = null)
{
    public Error(string code) : this(code, []) { }

    public static Error Of(string code, params object?[] args) => new(code, args);

    /// <summary>
    /// A "not found" that says more than the generic message, without revealing anything: what the actor asked for is
    /// not among what they may see (a bank file of an account they do not keep), whether or not it exists elsewhere.
    /// </summary>
    public static Error NotFoundAs(string code, params object?[] args) => new(code, args) { ExplicitKind = ErrorKind.NotFound };

    private ErrorKind? ExplicitKind { get; init; }

    public ErrorKind Kind => ExplicitKind ?? Code switch
    {
        Errors.NotFound => ErrorKind.NotFound,
        Errors.Forbidden => ErrorKind.Forbidden,
        _ => ErrorKind.Invalid,
    };
}

public enum ErrorKind { Invalid, NotFound, Forbidden }

/// <summary>Outcome of a use case: success, or one or more <see cref="Error"/>s. Expected failures never throw.</summary>
public class Result
{
    protected Result(IReadOnlyList<Error> errors) => Errors = errors;

    public IReadOnlyList<Error> Errors { get; }
    public bool Succeeded => Errors.Count == 0;
    public Error? FirstError => Errors.Count > 0 ? Errors[0] : null;

    public static Result Ok() => new([]);

    /// <summary>Runs a state change already checked to be allowed, and says it succeeded (for the `ok ? Done(...) : error` of the services).</summary>
    public static Result Done(Action change)
    {
        change();
        return Ok();
    }
    public static Result Fail(Error error) => new([error]);
    public static Result<T> Ok<T>(T value) => Result<T>.Ok(value);
    public static Result Fail(IReadOnlyList<Error> errors) =>
        errors.Count == 0 ? throw new ArgumentException("A failure needs at least one error.", nameof(errors)) : new Result(errors);

    public static implicit operator Result(Error error) => Fail(error);
}

public sealed class Result<T> : Result
{
    private readonly T? _value;

    private Result(T? value, IReadOnlyList<Error> errors) : base(errors) => _value = value;

    public T Value => Succeeded ? _value! : throw new InvalidOperationException($"No value: {FirstError?.Code}");

    public static Result<T> Ok(T value) => new(value, []);
    public static new Result<T> Fail(Error error) => new(default, [error]);
    public static new Result<T> Fail(IReadOnlyList<Error> errors) =>
        errors.Count == 0 ? throw new ArgumentException("A failure needs at least one error.", nameof(errors)) : new(default, errors);

    public static implicit operator Result<T>(T value) => Ok(value);
    public static implicit operator Result<T>(Error error) => Fail(error);
}

/// <summary>Thrown by an entity when asked to break one of its invariants; services turn it into a failed <see cref="Result"/>.</summary>
public sealed class BusinessRuleException(Error error) : Exception(error.Code)
{
    public Error Error { get; } = error;
}
