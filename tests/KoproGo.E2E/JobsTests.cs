using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace KoproGo.E2E;

/// <summary>Hangfire in the running app: what once stalled queued jobs (README "Decisions", one Hangfire host per process).</summary>
[Collection(AppCollection.Name)]
public class JobsTests(AppFixture app)
{
    [Fact]
    public async Task QueuedJobs_AfterASecondAppHostCameAndWent_AllSucceed()
    {
        var ct = TestContext.Current.CancellationToken;
        // what HardeningTests does: a second host of the app in this process, on the same database, then disposed
        await using (var second = new KoproGoAppFactory(app.ConnectionString, Path.Combine(Path.GetTempPath(), "koprogo-jobs-" + Guid.NewGuid().ToString("N")), hangfire: false))
        {
            using var client = second.CreateClient();
            Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/healthz", ct)).StatusCode);
        }
        var jobs = app.Services.GetRequiredService<IBackgroundJobClient>();
        var ids = Enumerable.Range(1, 5).Select(i => jobs.Enqueue(() => ProbeJob.Run(i))).ToList();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        long succeeded;
        do
        {
            await Task.Delay(250, ct);
            succeeded = await app.ScalarAsync<long>("SELECT count(*) FROM hangfire.job WHERE id = ANY(@p0) AND statename = 'Succeeded'", ids.Select(long.Parse).ToArray());
        }
        while (succeeded < ids.Count && DateTime.UtcNow < deadline);
        // on a stall: Enqueued with fetchedat set = fetched by a worker, then orphaned (invisible until the timeout)
        Assert.True(succeeded == ids.Count, await app.ScalarAsync<string>(
            "SELECT string_agg(j.id || ' ' || j.statename || ' fetchedat=' || coalesce(q.fetchedat::text, '-'), '; ') " +
            "FROM hangfire.job j LEFT JOIN hangfire.jobqueue q ON q.jobid = j.id WHERE j.id = ANY(@p0)", ids.Select(long.Parse).ToArray()));
    }

    [Fact]
    public async Task AJobThatThrows_IsRetriedWithBackOff_ThenShownFailedWithItsReason()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = long.Parse(app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue(() => ProbeJob.Fail("the SMTP relay said no")), System.Globalization.CultureInfo.InvariantCulture);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string? state;
        do
        {
            await Task.Delay(250, ct);
            state = await app.ScalarAsync<string>("SELECT statename FROM hangfire.job WHERE id = @p0", id);
        }
        while (state != "Failed" && DateTime.UtcNow < deadline);
        Assert.Equal("Failed", state);
        // the history the dashboard shows: failed, scheduled again (the retry), failed for good, with the reason
        var history = await app.ScalarAsync<string>("SELECT string_agg(name, ',' ORDER BY id) FROM hangfire.state WHERE jobid = @p0", id);
        Assert.Equal("Enqueued,Processing,Failed,Scheduled,Enqueued,Processing,Failed", history);
        Assert.Contains("the SMTP relay said no", await app.ScalarAsync<string>(
            "SELECT data::text FROM hangfire.state WHERE jobid = @p0 AND name = 'Failed' ORDER BY id DESC LIMIT 1", id), StringComparison.Ordinal);
    }

    [Fact]
    public void ASecondHostRunningHangfire_InTheSameProcess_IsRefusedWhileBuilding()
    {
        using var second = new KoproGoAppFactory(app.ConnectionString, Path.Combine(Path.GetTempPath(), "koprogo-jobs-" + Guid.NewGuid().ToString("N")));
        var refused = Assert.ThrowsAny<Exception>(() => second.CreateClient());
        Assert.Contains("Hangfire:Enabled=false", refused.ToString(), StringComparison.Ordinal);
    }
}

/// <summary>A job that does nothing: what is tested is that a worker fetches and runs it.</summary>
public static class ProbeJob
{
    public static void Run(int number) => ArgumentOutOfRangeException.ThrowIfNegative(number);

    /// <summary>Always throws; one retry after a second, then Failed (production jobs keep Hangfire's 10 retries).</summary>
    [AutomaticRetry(Attempts = 1, DelaysInSeconds = [1], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public static void Fail(string reason) => throw new InvalidOperationException(reason);
}
