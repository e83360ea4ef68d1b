using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.UserAccounts;

namespace KoproGo.Core.Features.Budgets;

public sealed class BudgetOptions
{
    /// <summary>Variance (year to date, in %) from which the syndic and the board are told about a line or the total.</summary>
    public decimal AlertThresholdPercent { get; set; } = 10m;
}

/// <summary>
/// Daily (Hangfire): a voted budget becomes active when its fiscal year has started, an active one closes when its year
/// has ended, and a line or the total of an active budget whose variance reaches the threshold is notified to the
/// syndic(s) and the board once per crossing. Each budget is handled under a lock of its row, so two runs do the work once.
/// </summary>
[RecurringJob("budgets-daily", "15 6 * * *")]
public sealed class BudgetJob(IKoproGoDbFactory dbFactory, INotificationService notifications, BudgetOptions options, TimeProvider clock)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        List<Guid> ids;
        await using (var db = await dbFactory.CreateAsync(ct))
            ids = await db.Budgets.Where(b => b.Status == BudgetStatus.Voted || b.Status == BudgetStatus.Active).Select(b => b.Id).ToListAsync(ct);
        var alerts = 0;
        foreach (var id in ids)
            alerts += await RunOneAsync(id, ct);
        return alerts;
    }

    private async Task<int> RunOneAsync(Guid budgetId, CancellationToken ct)
    {
        var today = clock.Today();
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.LockAsync<Budget>(budgetId, ct);
        var budget = await db.Budgets.Include(b => b.Lines).FirstAsync(b => b.Id == budgetId, ct);
        var year = await db.FiscalYears.AsNoTracking().FirstAsync(y => y.Id == budget.FiscalYearId, ct);
        if (budget.Status == BudgetStatus.Voted && year.StartDate <= today && today <= year.EndDate)
        {
            budget.Activate(now);
            db.Audit(Actor.System, clock, "budget.activated", nameof(Budget), budget.Id, budget.OrganisationId, budget.BuildingId);
        }
        else if (budget.Status == BudgetStatus.Active && year.EndDate < today)
        {
            budget.Close(now);
            db.Audit(Actor.System, clock, "budget.closed", nameof(Budget), budget.Id, budget.OrganisationId, budget.BuildingId);
        }
        var raised = 0;
        if (budget.Status == BudgetStatus.Active)
        {
            var building = await db.Buildings.AsNoTracking().FirstAsync(b => b.Id == budget.BuildingId, ct);
            var report = await BudgetFollowUpService.ComputeVarianceAsync(db, budget, budget.OrganisationId, year, today, building.Language, ct);
            var sent = await db.BudgetAlerts.Where(a => a.BudgetId == budget.Id).ToListAsync(ct);
            var recipients = await db.SyndicsAndBoardAsync(budget.OrganisationId, budget.BuildingId, ct);
            foreach (var line in report.Lines.Append(report.Total))
            {
                var over = line.VariancePercent >= options.AlertThresholdPercent;
                var alert = sent.FirstOrDefault(a => a.AccountId == line.AccountId);
                if (over && alert is null)
                {
                    db.BudgetAlerts.Add(BudgetAlert.Raise(budget.Id, line.AccountId, line.VariancePercent!.Value, now));
                    var name = line.AccountId is null ? line.Label : $"{line.Code} {line.Label}";
                    await notifications.NotifyUsersAsync(db, recipients, budget.OrganisationId, NotificationType.Budget, "notify.budget_variance",
                        [name, line.VariancePercent.Value.ToString("0.##", CultureInfo.InvariantCulture), building.Name, year.Label.ToString(CultureInfo.InvariantCulture)],
                        $"/buildings/{building.Id}/accounting?tab=budgets", ct);
                    raised++;
                }
                else if (!over && alert is not null)
                    db.BudgetAlerts.Remove(alert);       // back under the threshold: the next crossing alerts again
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return raised;
    }
}
