using Hangfire;
using KoproGo.Core.Features.Calls;

namespace KoproGo.Web.Jobs;

/// <summary>Sends calls through Hangfire: any instance's server may pick the job up; the progress lives in the database.</summary>
public sealed class HangfireCallSendQueue(IBackgroundJobClient jobs) : ICallSendQueue
{
    public void Enqueue(Guid callId, string? userId) => jobs.Enqueue<SendCallJob>(j => j.RunAsync(callId, userId, CancellationToken.None));
}
