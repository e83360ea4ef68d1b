using KoproGo.Core.Features.UserAccounts;
using Microsoft.Extensions.Logging;

namespace KoproGo.Core.Features.Calls;

/// <summary>
/// The progress of a call being sent in the background: letters done out of the total, or why it failed. Kept apart from
/// the call, whose row the sending transaction locks until COMMIT, so that any instance's page can read it meanwhile.
/// </summary>
public sealed class CallSending
{
    public const int ErrorMax = 200;

    private CallSending() { }

    public Guid CallId { get; private set; }
    public string? QueuedBy { get; private set; }
    public DateTimeOffset QueuedAt { get; private set; }
    public int Done { get; private set; }
    public int Total { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    /// <summary>The resource key of the refusal when the sending failed; the call is still a draft then.</summary>
    public string? Error { get; private set; }

    public bool Running => FinishedAt is null;

    public static CallSending Queue(Guid callId, string? userId, DateTimeOffset now) => new() { CallId = callId, QueuedBy = userId, QueuedAt = now };

    /// <summary>Queued again after a failure.</summary>
    public void Requeue(string? userId, DateTimeOffset now)
    {
        QueuedBy = userId;
        QueuedAt = now;
        Done = Total = 0;
        FinishedAt = null;
        Error = null;
    }
}

public sealed record SendingState(int Done, int Total, bool Running, string? Error);

/// <summary>The port through which a page hands a call to the background sender (Hangfire in the web app).</summary>
public interface ICallSendQueue
{
    void Enqueue(Guid callId, string? userId);
}

/// <summary>
/// Sends a queued call as its user (rights checked again, as if they clicked now), writing the progress as letters are
/// made. Hangfire may run it twice (a retry, or an instance that died mid-way): the sending is one transaction, so a run
/// either sent every letter or none, and a later run finds the call sent and leaves the finished record as it is.
/// </summary>
public sealed class SendCallJob(IKoproGoDbFactory dbFactory, ICallSendingService calls, IActorFactory actors, TimeProvider clock, ILogger<SendCallJob> logger)
{
    /// <summary>How often (in letters) the progress row is updated.</summary>
    public const int ProgressStep = 20;

    public async Task RunAsync(Guid callId, string? userId, CancellationToken ct)
    {
        Result result;
        try
        {
            var actor = userId is null ? Actor.System : await actors.ForUserAsync(userId, null, "hangfire", ct);
            result = actor is null
                ? Errors.ForbiddenError
                : await calls.SendAsync(actor, callId, (done, total) => ReportAsync(callId, done, total, ct), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException && !e.IsTransientDbFailure())
        {
            // a database that is away (a restart) is not caught: the sending rolled back whole, and Hangfire's retry sends
            // it again once the database is back; any other failure would fail the same way again, so the page must not
            // wait on retries: the sending stops with a message and can be queued again
            logger.LogError(e, "Sending call {CallId} failed", callId);
            result = new Error("ui.error.unexpected");
        }
        await using var db = await dbFactory.CreateAsync(ct);
        var now = clock.GetUtcNow();
        var running = db.CallSendings.Where(s => s.CallId == callId && s.FinishedAt == null);
        // not a draft any more: sent, by this run or by an earlier one whose "finished" was lost with the database
        if (result.Succeeded || !await db.CallsForFunds.AnyAsync(c => c.Id == callId && c.Status == CallStatus.Draft, ct))
            await running.ExecuteUpdateAsync(s => s.SetProperty(x => x.FinishedAt, now), ct);
        else
            await running.ExecuteUpdateAsync(s => s.SetProperty(x => x.FinishedAt, now).SetProperty(x => x.Error, result.FirstError!.Code), ct);
    }

    private async Task ReportAsync(Guid callId, int done, int total, CancellationToken ct)
    {
        if (done % ProgressStep != 0 && done != total && done != 0)
            return;
        await using var db = await dbFactory.CreateAsync(ct);
        await db.CallSendings.Where(s => s.CallId == callId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Done, done).SetProperty(x => x.Total, total), ct);
    }
}
