using System.Diagnostics;
using Hangfire;
using KoproGo.Core.Common;
using KoproGo.Core.Features.Calls;
using KoproGo.Core.Features.Notifications;
using KoproGo.Core.Features.UserAccounts;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using netDumbster.smtp;
using Npgsql;

namespace KoproGo.E2E;

/// <summary>
/// Faults the jobs must survive, on the real app with its Hangfire server. This one stops and starts the project's
/// PostgreSQL, so it runs alone after the other tests (./test.sh step "fault tests", or scripts/fault-check.sh) and is
/// skipped inside the normal run.
/// </summary>
public class FaultTests
{
    private const int Mails = 300;

    [Fact]
    public async Task PostgreSqlRestarted_WhileTheOutboxAndACallAreBeingSent_EveryMailGoesOnce_EveryLetterExistsOnce()
    {
        Assert.SkipUnless(Environment.GetEnvironmentVariable("KOPROGO_FAULT_TESTS") == "1", "restarts PostgreSQL: run alone by ./test.sh or scripts/fault-check.sh");
        var ct = TestContext.Current.CancellationToken;
        var log = TestContext.Current.TestOutputHelper;
        var serverCs = Environment.GetEnvironmentVariable("ConnectionStrings__Default") ?? "Host=127.0.0.1;Port=55432;Database=koprogo;Username=koprogo;Password=koprogo";
        var dbName = $"koprogo_fault_{Guid.NewGuid():N}"[..30];
        var files = Path.Combine(Path.GetTempPath(), "koprogo-fault-" + Guid.NewGuid().ToString("N"));
        await Sql.ExecAsync(serverCs, $"CREATE DATABASE \"{dbName}\"");
        var cs = new NpgsqlConnectionStringBuilder(serverCs) { Database = dbName }.ConnectionString;
        using var smtp = Configuration.Configure().WithRandomPort().Build();
        try
        {
            await using (var app = new KoproGoAppFactory(cs, files, settings: new Dictionary<string, string>
            {
                ["Smtp:Host"] = "127.0.0.1",
                ["Smtp:Port"] = smtp.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Smtp:Security"] = "None",
                ["Hangfire:QueuePollSeconds"] = "1",
            }))
            {
                using (app.CreateClient()) { }   // starts the host: migrations, demo data, Hangfire server
                using var scope = app.Services.CreateScope();
                var services = scope.ServiceProvider;
                var dbFactory = services.GetRequiredService<IKoproGoDbFactory>();
                var clock = services.GetRequiredService<TimeProvider>();

                // 300 mails waiting, and a draft call to the 17 owners of Résidence Horta
                await using (var db = await dbFactory.CreateAsync(ct))
                {
                    for (var i = 0; i < Mails; i++)
                        db.OutboxEmails.Add(OutboxEmail.Queue(new MailTo($"fault{i}@example.be", $"Fault {i}"), $"Fault test {i}", "Body", null, clock.GetUtcNow()));
                    await db.SaveChangesAsync(ct);
                }
                var syndicId = await Sql.ScalarAsync<string>(cs, "SELECT id FROM \"AspNetUsers\" WHERE normalized_email = 'SYNDIC@HORTA.BE'");
                var syndic = (await services.GetRequiredService<IActorFactory>().ForUserAsync(syndicId, null, "fault-test", ct))!;
                var buildingId = await Sql.ScalarAsync<Guid>(cs, "SELECT id FROM buildings WHERE slug = 'residence-horta'");
                var today = clock.Today();
                var calls = services.GetRequiredService<ICallService>();
                var draft = await calls.SaveDraftAsync(syndic, buildingId, null, new CallInput { Title = "Provision fault test", CallDate = today, DueDate = today.AddDays(30), Ordinary = 9000m }, ct);
                Assert.True(draft.Succeeded, draft.FirstError?.Code);
                var callId = draft.Value;

                // the outbox job starts; once mails are going out, the call is queued; once its letters are being
                // made, PostgreSQL is stopped (fast shutdown: every connection cut) and started again 3 s later
                services.GetRequiredService<IRecurringJobManager>().Trigger("outbox-send");
                await WaitAsync(() => Task.FromResult(smtp.ReceivedEmailCount >= 10), TimeSpan.FromSeconds(60), "the outbox job to start sending", ct);
                Assert.True((await services.GetRequiredService<ICallSendingService>().QueueSendAsync(syndic, callId, ct)).Succeeded);
                await WaitAsync(async () => await Sql.ScalarAsync<int>(cs, "SELECT total FROM call_sendings WHERE call_id = @p0", callId) > 0, TimeSpan.FromSeconds(60), "the call's letters to be made", ct);
                var mailsBefore = smtp.ReceivedEmailCount;
                var callState = await Sql.ScalarAsync<string>(cs, "SELECT status FROM calls_for_funds WHERE id = @p0", callId);
                var stopwatch = Stopwatch.StartNew();
                Pg("stop");
                log?.WriteLine($"fault: PostgreSQL stopped with {mailsBefore}/{Mails} mails received and the call {callState} (letters being made)");
                await Task.Delay(TimeSpan.FromSeconds(3), ct);
                Pg("start");
                log?.WriteLine($"fault: PostgreSQL back after {stopwatch.Elapsed.TotalSeconds:0.0} s");

                // recovery: the next minutely run (triggered here at once) and Hangfire's retry of the call
                await WaitAsync(async () =>
                {
                    // a nudge only (the schedule would do it within a minute): it fails while the database is away
                    try { services.GetRequiredService<IRecurringJobManager>().Trigger("outbox-send"); } catch (Exception e) { log?.WriteLine($"fault: trigger refused ({e.GetBaseException().Message})"); }
                    return await Sql.ScalarAsync<long>(cs, "SELECT count(*) FROM outbox_emails WHERE sent_at IS NULL") == 0
                        && await Sql.ScalarAsync<string>(cs, "SELECT status FROM calls_for_funds WHERE id = @p0", callId) == "Sent"
                        && await Sql.ScalarAsync<bool>(cs, "SELECT finished_at IS NOT NULL FROM call_sendings WHERE call_id = @p0", callId);
                }, TimeSpan.FromSeconds(180), "every mail sent and the call sent", ct);
                log?.WriteLine($"fault: all sent {stopwatch.Elapsed.TotalSeconds:0} s after the stop");

                // every mail exactly once at the SMTP server (the 300, and the call's mails to owners who chose email)
                var received = smtp.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data)))).ToList();
                var twice = received.GroupBy(m => m.MessageId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
                Assert.True(twice.Count == 0, $"sent more than once: {string.Join(", ", twice)}");
                var outbox = await Sql.ScalarAsync<string[]>(cs, "SELECT array_agg(replace(id::text, '-', '') || '@outbox.koprogo.be') FROM outbox_emails");
                Assert.Equal(outbox.Order(StringComparer.Ordinal), received.Select(m => m.MessageId).Order(StringComparer.Ordinal).ToArray());
                Assert.Equal(Mails, received.Count(m => m.Subject?.StartsWith("Fault test ", StringComparison.Ordinal) == true));

                // the call: sent once, one line and one letter per owner, one accounting entry, no error on the list
                Assert.Equal(17, await Sql.ScalarAsync<long>(cs, "SELECT count(DISTINCT owner_id) FROM call_lines WHERE call_id = @p0", callId));
                Assert.Equal(17, await Sql.ScalarAsync<long>(cs, "SELECT count(*) FROM call_lines WHERE call_id = @p0", callId));
                Assert.Equal(17, await Sql.ScalarAsync<long>(cs, "SELECT count(*) FROM files f JOIN call_lines l ON l.pdf_file_id = f.id WHERE l.call_id = @p0", callId));
                Assert.Equal(1, await Sql.ScalarAsync<long>(cs, "SELECT count(*) FROM journal_entries e JOIN calls_for_funds c ON c.entry_id = e.id WHERE c.id = @p0", callId));
                Assert.Null(await Sql.ScalarAsync<string?>(cs, "SELECT error FROM call_sendings WHERE call_id = @p0", callId));
                // the letters mailed to owners who chose email: one each (the syndic's own notices about the call aside)
                var callMails = await Sql.ScalarAsync<long>(cs, "SELECT count(*) FROM outbox_emails WHERE subject LIKE '%Provision fault test%' AND recipient_owner_id IS NOT NULL");
                Assert.True(callMails > 0);
                Assert.Equal(callMails, await Sql.ScalarAsync<long>(cs, "SELECT count(DISTINCT recipient_owner_id) FROM outbox_emails WHERE subject LIKE '%Provision fault test%'"));
                log?.WriteLine($"fault: {received.Count} mails received, each once, one per outbox row ({Mails} queued here, {callMails} of the call); call sent with 17 lines and 17 letters");
            }
        }
        finally
        {
            Pg("start");
            NpgsqlConnection.ClearAllPools();
            await Sql.ExecAsync(serverCs, $"DROP DATABASE IF EXISTS \"{dbName}\" WITH (FORCE)");
            if (Directory.Exists(files)) Directory.Delete(files, recursive: true);
        }
    }

    private static async Task WaitAsync(Func<Task<bool>> done, TimeSpan timeout, string what, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if (await done())
                    return;
            }
            catch (Exception e) when (e.IsTransientDbFailure()) { }   // the database is still coming back
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(50, ct);
        }
    }

    /// <summary>scripts/pg.sh of this repository (the cluster the tests run on).</summary>
    private static void Pg(string command)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "test.sh")))
            root = root.Parent ?? throw new InvalidOperationException("repository root not found");
        using var process = Process.Start(new ProcessStartInfo(Path.Combine(root.FullName, "scripts", "pg.sh"), command) { RedirectStandardOutput = true })!;
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }


}
