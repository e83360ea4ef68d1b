using System.Collections.Concurrent;
using KoproGo.Core.Features.Assemblies;
using Npgsql;

namespace KoproGo.Web.Features.Assemblies;

/// <summary>
/// The live screens' push (README, Decisions): one connection per app instance LISTENs on the meetings' channel, and
/// each committed change, whichever instance made it, reaches the circuits of this instance that show that meeting.
/// A lost connection is opened again; the screens then reload once, so nothing missed meanwhile stays missed.
/// </summary>
public sealed class MeetingFeedListener(string connectionString, ILogger<MeetingFeedListener> logger) : BackgroundService, IMeetingFeed
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Subscription, byte>> _screens = new();

    public IDisposable Subscribe(Guid meetingId, Func<Task> changed)
    {
        var subscription = new Subscription(this, meetingId, changed);
        _screens.GetOrAdd(meetingId, _ => new()).TryAdd(subscription, 0);
        return subscription;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reconnected = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (Guid.TryParse(e.Payload, out var meetingId))
                        Tell(meetingId);
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {MeetingFeed.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                if (reconnected)
                    foreach (var meetingId in _screens.Keys)
                        Tell(meetingId);
                while (!stoppingToken.IsCancellationRequested)
                    await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Meeting feed lost its connection; listening again in 2 s");
                reconnected = true;
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private void Tell(Guid meetingId)
    {
        if (!_screens.TryGetValue(meetingId, out var screens))
            return;
        foreach (var screen in screens.Keys)
            _ = screen.NotifyAsync(logger);
    }

    /// <summary>
    /// One screen. Signals that arrive while it reloads are folded into one more reload: 300 votes in a minute cost
    /// each screen a few reloads, not 300 queued ones.
    /// </summary>
    private sealed class Subscription(MeetingFeedListener owner, Guid meetingId, Func<Task> changed) : IDisposable
    {
        private int _state;     // 0 idle, 1 reloading, 2 reloading and signalled again

        public async Task NotifyAsync(ILogger logger)
        {
            if (Interlocked.Increment(ref _state) > 1)
            {
                Interlocked.Exchange(ref _state, 2);        // the running reload goes round once more
                return;
            }
            do
            {
                try
                {
                    await changed();
                }
                catch (Exception e)
                {
                    logger.LogWarning(e, "A meeting screen failed to reload");
                }
            }
            while (Interlocked.CompareExchange(ref _state, 1, 2) == 2 || Interlocked.CompareExchange(ref _state, 0, 1) != 1);
        }

        public void Dispose()
        {
            if (owner._screens.TryGetValue(meetingId, out var screens))
                screens.TryRemove(this, out _);
        }
    }
}
