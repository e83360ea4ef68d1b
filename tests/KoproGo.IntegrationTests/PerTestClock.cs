using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace KoproGo.IntegrationTests;

/// <summary>
/// One fake clock per test: every test starts at <see cref="Start"/>, and a test that advances time moves only its own
/// clock. (One clock shared by the assembly drifted by hours as tests advanced it, and a booking test broke on it.)
/// The test is xunit's <c>TestContext.Current</c>, which flows into every call the test awaits; code that runs outside a
/// test (collection and class fixtures) reads a clock of its own, also at <see cref="Start"/>.
/// </summary>
public sealed class PerTestClock : TimeProvider
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _outsideTests = new(Start);
    private readonly ConcurrentDictionary<string, FakeTimeProvider> _byTest = new(StringComparer.Ordinal);

    /// <summary>The running test's clock (advance it with <c>Advance</c>).</summary>
    public FakeTimeProvider Current => TestContext.Current.Test?.UniqueID is { } test
        ? _byTest.GetOrAdd(test, _ => new FakeTimeProvider(Start))
        : _outsideTests;

    public override DateTimeOffset GetUtcNow() => Current.GetUtcNow();

    public override long GetTimestamp() => Current.GetTimestamp();

    public override long TimestampFrequency => Current.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Current.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        Current.CreateTimer(callback, state, dueTime, period);
}
