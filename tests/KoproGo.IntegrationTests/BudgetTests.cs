using KoproGo.Core.Common;
using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Audit;
using KoproGo.Core.Features.Budgets;
using KoproGo.Core.Features.Calls;
using KoproGo.Core.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.IntegrationTests;

[Collection(DatabaseCollection.Name)]
public class BudgetTests(DatabaseFixture fx)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private IBudgetService Budgets => fx.Get<IBudgetService>();
    private IBudgetFollowUpService FollowUp => fx.Get<IBudgetFollowUpService>();

    private async Task<(World W, Dictionary<string, Guid> Accounts, FiscalYearRow Year)> BooksAsync()
    {
        var w = await World.CreateAsync(fx, Ct);
        var accounting = fx.Get<IAccountingService>();
        var fiscalYearService = fx.Get<IFiscalYearService>();
        var chartService = fx.Get<IChartService>();
        var chart = (await chartService.ChartAsync(w.Syndic, w.OrganisationId, "fr-BE", Ct)).Value;
        var year = (await fiscalYearService.OpenNextFiscalYearAsync(w.Syndic, w.BuildingA, Ct)).Value;
        return (w, chart.ToDictionary(a => a.Code, a => a.Id), year);
    }

    private static BudgetInput Input(Guid yearId, Dictionary<string, Guid> accounts) => new()
    {
        FiscalYearId = yearId,
        Reserve = 1_200m,
        Lines =
        [
            new() { AccountId = accounts["610"], Amount = 12_000m, Label = "Assurance incendie" },
            new() { AccountId = accounts["611"], Amount = 6_000m },
            new() { AccountId = accounts["615"], Kind = BudgetLineKind.Extraordinary, Amount = 24_000m, Label = "Toiture" },
        ],
    };

    [Fact]
    public async Task Lifecycle_DraftSubmittedVotedActive_WithEveryWrongStepRefused()
    {
        var (w, accounts, year) = await BooksAsync();
        var id = (await Budgets.SaveDraftAsync(w.Accountant, w.BuildingA, null, Input(year.Id, accounts), Ct)).Value;
        Assert.Equal("error.budget_exists", (await Budgets.SaveDraftAsync(w.Syndic, w.BuildingA, null, Input(year.Id, accounts), Ct)).FirstError!.Code);
        Assert.Equal("error.budget_status", (await Budgets.VoteAsync(w.Syndic, id, new BudgetVoteInput { AssemblyDate = new DateOnly(2026, 3, 10), Reference = "PV-1" }, Ct)).FirstError!.Code);
        Assert.Equal(Errors.NotFound, (await Budgets.GetAsync(w.OwnerActorA, id, Ct)).FirstError!.Code);            // a draft is the syndic's work

        // edit while a draft: the lines are replaced
        var edited = Input(year.Id, accounts).Let(i => i.Lines.RemoveAt(1));
        Assert.True((await Budgets.SaveDraftAsync(w.Syndic, w.BuildingA, id, edited, Ct)).Succeeded);
        var draft = (await Budgets.GetAsync(w.Syndic, id, Ct)).Value;
        Assert.Equal((12_000m, 24_000m, 1_200m, 37_200m), (draft.Budget.Ordinary, draft.Budget.Extraordinary, draft.Budget.Reserve, draft.Budget.Total));
        Assert.Equal(1_000m, draft.OrdinaryByMonth[0]);
        Assert.Null(draft.MinimumReserve);          // no previous year to compare with

        Assert.True((await Budgets.SubmitAsync(w.Accountant, id, Ct)).Succeeded);
        Assert.Equal("error.budget_status", (await Budgets.SaveDraftAsync(w.Syndic, w.BuildingA, id, Input(year.Id, accounts), Ct)).FirstError!.Code);
        Assert.Equal("error.budget_status", (await Budgets.DeleteAsync(w.Syndic, id, Ct)).FirstError!.Code);
        Assert.Equal(Errors.Forbidden, (await Budgets.VoteAsync(w.Accountant, id, new BudgetVoteInput { AssemblyDate = new DateOnly(2026, 3, 10), Reference = "PV-1" }, Ct)).FirstError!.Code);
        Assert.Equal("error.assembly_in_future", (await Budgets.VoteAsync(w.Syndic, id, new BudgetVoteInput { AssemblyDate = new DateOnly(2027, 3, 10), Reference = "PV-1" }, Ct)).FirstError!.Code);
        Assert.Equal(Errors.Required, (await Budgets.RejectAsync(w.Syndic, id, " ", Ct)).FirstError!.Code);
        Assert.True((await Budgets.RejectAsync(w.Syndic, id, "Le poste toiture doit attendre les devis", Ct)).Succeeded);
        Assert.True((await Budgets.ReopenAsync(w.Syndic, id, Ct)).Succeeded);
        Assert.True((await Budgets.SubmitAsync(w.Syndic, id, Ct)).Succeeded);
        Assert.True((await Budgets.VoteAsync(w.Syndic, id, new BudgetVoteInput { AssemblyDate = new DateOnly(2026, 3, 10), Reference = "PV AG 2026" }, Ct)).Succeeded);
        Assert.True((await Budgets.ActivateAsync(w.Syndic, id, Ct)).Succeeded);
        Assert.Equal("error.budget_status", (await Budgets.ActivateAsync(w.Syndic, id, Ct)).FirstError!.Code);

        // co-owners read the voted budget of their building, never another building's
        var seen = (await Budgets.GetAsync(w.OwnerActorA, id, Ct)).Value;
        Assert.Equal((BudgetStatus.Active, new DateOnly(2026, 3, 10), "PV AG 2026"), (seen.Budget.Status, seen.AssemblyDate, seen.AssemblyReference));
        Assert.False(seen.CanEdit || seen.CanDecide);
        Assert.Equal(Errors.NotFound, (await Budgets.GetAsync(w.OwnerActorB, id, Ct)).FirstError!.Code);
        Assert.Equal(Errors.NotFound, (await Budgets.ListAsync(w.OwnerActorB, w.BuildingA, Ct)).FirstError!.Code);
        Assert.Equal(Errors.NotFound, (await FollowUp.ScheduleAsync(w.OwnerActorA, id, CallPeriod.Quarterly, Ct)).FirstError!.Code);
        Assert.Equal(Errors.Forbidden, (await Budgets.SubmitAsync(w.OwnerActorA, id, Ct)).FirstError!.Code);

        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        var actions = await db.AuditEntries.Where(a => a.EntityId == id.ToString()).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync(Ct);
        Assert.Equal(["budget.created", "budget.updated", "budget.submitted", "budget.rejected", "budget.reopened", "budget.submitted", "budget.voted", "budget.activated"], actions);
    }

    [Fact]
    public async Task BadBudgets_AreRefused_AndNothingIsSaved()
    {
        var (w, accounts, year) = await BooksAsync();
        var other = await BooksAsync();
        async Task<string> Refused(BudgetInput input, Guid? building = null) => (await Budgets.SaveDraftAsync(w.Syndic, building ?? w.BuildingA, null, input, Ct)).FirstError!.Code;
        Assert.Equal("error.budget_negative", await Refused(Input(year.Id, accounts).Let(i => i.Lines[0].Amount = -10m)));
        Assert.Equal("error.budget_zero", await Refused(new BudgetInput { FiscalYearId = year.Id, Lines = [new() { AccountId = accounts["610"], Amount = 0m }] }));
        Assert.Equal("error.budget_line_account", await Refused(Input(year.Id, accounts).Let(i => i.Lines[0].AccountId = accounts["701"])));
        Assert.Equal("error.budget_line_account", await Refused(Input(year.Id, accounts).Let(i => i.Lines[0].AccountId = other.Accounts["610"])));
        Assert.Equal(Errors.NotFound, await Refused(Input(other.Year.Id, accounts)));                            // another building's year
        Assert.Equal(Errors.NotFound, (await Budgets.SaveDraftAsync(other.W.Syndic, w.BuildingA, null, Input(year.Id, accounts), Ct)).FirstError!.Code);
        Assert.Equal(Errors.Forbidden, (await Budgets.SaveDraftAsync(w.BoardMemberA, w.BuildingA, null, Input(year.Id, accounts), Ct)).FirstError!.Code);

        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        Assert.False(await db.Budgets.AnyAsync(b => b.BuildingId == w.BuildingA, Ct));
    }

    [Fact]
    public async Task Variance_ComparesPostedCharges_PerLineAndMonth_AndTheJobAlertsOncePerCrossing()
    {
        var (w, accounts, year) = await BooksAsync();
        var accounting = fx.Get<IAccountingService>();
        var fiscalYearService = fx.Get<IFiscalYearService>();
        var chartService = fx.Get<IChartService>();
        async Task Spend(string code, decimal amount, DateOnly date, bool refund = false) => Assert.True((await accounting.PostAsync(w.Accountant, new EntryDraft
        {
            BuildingId = w.BuildingA,
            Date = date,
            Journal = Journal.ACH,
            Description = $"{code} {amount}",
            Lines = refund
                ? [new() { AccountId = accounts["440"], Debit = amount }, new() { AccountId = accounts[code], Credit = amount }]
                : [new() { AccountId = accounts[code], Debit = amount }, new() { AccountId = accounts["440"], Credit = amount }],
        }, Ct)).Succeeded);
        await Spend("610", 6_100m, new DateOnly(2026, 1, 20));
        await Spend("610", 6_000m, new DateOnly(2026, 6, 3));
        await Spend("611", 2_000m, new DateOnly(2026, 2, 14));
        await Spend("611", 500m, new DateOnly(2026, 3, 1), refund: true);         // a credit note lowers the actual
        await Spend("620", 300m, new DateOnly(2026, 4, 30));                       // not in the budget

        var id = (await Budgets.SaveDraftAsync(w.Syndic, w.BuildingA, null, Input(year.Id, accounts), Ct)).Value;
        Assert.True((await Budgets.SubmitAsync(w.Syndic, id, Ct)).Succeeded);
        Assert.True((await Budgets.VoteAsync(w.Syndic, id, new BudgetVoteInput { AssemblyDate = new DateOnly(2026, 2, 1), Reference = "PV" }, Ct)).Succeeded);

        var report = (await FollowUp.VarianceAsync(w.BoardMemberA, id, Ct)).Value;
        Assert.Equal(11, report.MonthsElapsed);                                     // 25 November 2026, the year started in January
        var insurance = report.Lines.Single(l => l.Code == "610");
        Assert.Equal((11_000m, 12_100m, 10m), (insurance.BudgetedToDate, insurance.ActualToDate, insurance.VariancePercent));
        Assert.Equal((6_100m, 6_000m), (insurance.ActualByMonth[0], insurance.ActualByMonth[5]));
        Assert.Equal(13_200m, insurance.Projection);
        var cleaning = report.Lines.Single(l => l.Code == "611");
        Assert.Equal((1_500m, 2_000m, -500m), (cleaning.ActualToDate, cleaning.ActualByMonth[1], cleaning.ActualByMonth[2]));
        Assert.Equal(300m, Assert.Single(report.Unbudgeted).ActualToDate);
        Assert.Equal((38_500m, 13_900m), (report.Total.BudgetedToDate, report.Total.ActualToDate));
        Assert.Equal(Errors.NotFound, (await FollowUp.VarianceAsync(w.OwnerActorB, id, Ct)).FirstError!.Code);

        // the job activates the voted budget of the running year and alerts on the 610 line (+10 %) once, however often it runs
        var job = fx.Get<BudgetJob>();
        Assert.Equal(1, await job.RunAsync(Ct));
        Assert.Equal(0, await job.RunAsync(Ct));
        Assert.Equal(BudgetStatus.Active, (await Budgets.GetAsync(w.Syndic, id, Ct)).Value.Budget.Status);
        async Task<int> AlertsAsync()
        {
            await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
            return await db.Notifications.CountAsync(n => n.OrganisationId == w.OrganisationId && n.TextKey == "notify.budget_variance", Ct);
        }
        Assert.Equal(2, await AlertsAsync());                                      // the syndic and building A's board member
        // and the office's to-do list names the line, by how much, with the budget's tab
        var overrun = Assert.Single((await fx.Get<KoproGo.Core.Features.Dashboard.IDashboardService>().ToDoAsync(w.Syndic, w.OrganisationId, Ct)).Value,
            i => i.Kind == KoproGo.Core.Features.Dashboard.ToDoKind.BudgetOverrun);
        Assert.Equal(("610", 10m, $"/buildings/{w.BuildingA}/accounting?tab=budgets"), (overrun.Subject, overrun.Percent, overrun.Link));

        // back under the threshold re-arms the alert; the next crossing alerts again
        await Spend("610", 1_000m, new DateOnly(2026, 11, 2), refund: true);
        Assert.Equal(0, await job.RunAsync(Ct));
        await Spend("610", 1_000m, new DateOnly(2026, 11, 3));
        Assert.Equal(1, await job.RunAsync(Ct));
        Assert.Equal(4, await AlertsAsync());
    }

    [Fact]
    public async Task Schedule_OfAVotedBudget_MakesDraftCalls_OncePerSlot()
    {
        var (w, accounts, year) = await BooksAsync();
        var id = (await Budgets.SaveDraftAsync(w.Syndic, w.BuildingA, null, Input(year.Id, accounts), Ct)).Value;
        var rows = (await FollowUp.ScheduleAsync(w.Syndic, id, CallPeriod.Quarterly, Ct)).Value;
        Assert.Equal(4, rows.Count);
        Assert.Equal((4_500m, 6_000m, 300m), (rows[0].Slot.Ordinary, rows[0].Slot.Extraordinary, rows[0].Slot.Reserve));
        Assert.Equal(43_200m, rows.Sum(r => r.Slot.Total));
        Assert.Equal("error.budget_not_approved", (await FollowUp.CreateCallAsync(w.Syndic, id, CallPeriod.Quarterly, 4, Ct)).FirstError!.Code);
        Assert.True((await Budgets.SubmitAsync(w.Syndic, id, Ct)).Succeeded);
        Assert.True((await Budgets.VoteAsync(w.Syndic, id, new BudgetVoteInput { AssemblyDate = new DateOnly(2026, 2, 1), Reference = "PV" }, Ct)).Succeeded);

        var callId = (await FollowUp.CreateCallAsync(w.Accountant, id, CallPeriod.Quarterly, 4, Ct)).Value;
        Assert.Equal("error.budget_slot_called", (await FollowUp.CreateCallAsync(w.Syndic, id, CallPeriod.Quarterly, 4, Ct)).FirstError!.Code);
        Assert.Equal("error.budget_schedule_period", (await FollowUp.CreateCallAsync(w.Syndic, id, CallPeriod.OneTime, 1, Ct)).FirstError!.Code);
        Assert.Equal(Errors.NotFound, (await FollowUp.CreateCallAsync(w.Syndic, id, CallPeriod.Quarterly, 5, Ct)).FirstError!.Code);
        var call = (await fx.Get<ICallService>().GetAsync(w.Syndic, callId, Ct)).Value.Call;
        Assert.Equal((CallPeriod.Quarterly, 10_800m, new DateOnly(2026, 11, 25), new DateOnly(2026, 12, 25)), (call.Period, call.Total, call.CallDate, call.DueDate));
        Assert.Equal("Provisions T4 2026", call.Title);
        Assert.Equal(CallState.Draft, (await FollowUp.ScheduleAsync(w.Syndic, id, CallPeriod.Quarterly, Ct)).Value[3].CallState);

        // a cancelled draft frees its slot
        Assert.True((await fx.Get<ICallService>().CancelAsync(w.Syndic, callId, Ct)).Succeeded);
        Assert.True((await FollowUp.CreateCallAsync(w.Syndic, id, CallPeriod.Quarterly, 4, Ct)).Succeeded);
        Assert.True((await FollowUp.CreateCallAsync(w.Syndic, id, CallPeriod.Monthly, 12, Ct)).Succeeded);      // another schedule of the same budget
    }
}
