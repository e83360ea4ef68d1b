using Hangfire;
using KoproGo.Core.Common;
using KoproGo.Core.Features.Audit;
using KoproGo.Core.Features.Bookings;
using KoproGo.Core.Features.Budgets;
using KoproGo.Core.Features.Calls;
using KoproGo.Core.Features.Files;
using KoproGo.Core.Features.Library;
using KoproGo.Core.Features.Notices;
using KoproGo.Core.Features.Notifications;
using KoproGo.Core.Features.Polls;

namespace KoproGo.Web.Jobs;

/// <summary>Every recurring job and its schedule, in Europe/Brussels time. Jobs are idempotent: Hangfire may run one twice.</summary>
public static class RecurringJobs
{
    public static void Register(IRecurringJobManager jobs)
    {
        var brussels = new RecurringJobOptions { TimeZone = BusinessTime.Zone };
        jobs.AddOrUpdate<SendOutboxEmailsJob>("outbox-send", j => j.RunAsync(CancellationToken.None), Cron.Minutely(), brussels);
        jobs.AddOrUpdate<PurgeExpiredAuditEntriesJob>("audit-retention", j => j.RunAsync(CancellationToken.None), Cron.Daily(3), brussels);
        jobs.AddOrUpdate<PurgeDeliveredMailsJob>("outbox-retention", j => j.RunAsync(CancellationToken.None), Cron.Daily(3, 10), brussels);
        jobs.AddOrUpdate<RemoveUnusedPhotosJob>("photos-cleanup", j => j.RunAsync(CancellationToken.None), Cron.Daily(3, 20), brussels);
        jobs.AddOrUpdate<ArrearsReminderJob>("arrears-reminders", j => j.RunAsync(CancellationToken.None), Cron.Daily(6), brussels);
        jobs.AddOrUpdate<PollCloseJob>("polls-close", j => j.RunAsync(CancellationToken.None), "*/5 * * * *", brussels);
        jobs.AddOrUpdate<BookingJob>("bookings-no-show-and-reminders", j => j.RunAsync(CancellationToken.None), "*/15 * * * *", brussels);
        jobs.AddOrUpdate<OverdueLoanReminderJob>("overdue-loan-reminders", j => j.RunAsync(CancellationToken.None), Cron.Daily(9), brussels);
        jobs.AddOrUpdate<NoticeExpiryJob>("notices-expire", j => j.RunAsync(CancellationToken.None), Cron.Hourly(), brussels);
        jobs.AddOrUpdate<BudgetJob>("budgets-daily", j => j.RunAsync(CancellationToken.None), Cron.Daily(6, 15), brussels);
    }
}
