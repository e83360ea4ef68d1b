using KoproGo.Core.Common;
using KoproGo.Core.Features.Assemblies;
using KoproGo.Core.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.IntegrationTests;

/// <summary>
/// The owners' part in preparing assemblies (Art. 3.87 §2): an item proposed three weeks before the building's fortnight
/// must be on that ordinary assembly's agenda, a later one waits for the next; a fifth of the shares has an assembly
/// convened, the syndic reminded on day 25 and the signatories told on day 31 that they may convene it themselves.
/// </summary>
public partial class AssemblyTests
{
    private IOwnerRequestService Requests => fx.Get<IOwnerRequestService>();

    /// <summary>18:00 in Brussels on a day (winter: UTC+1).</summary>
    private static DateTimeOffset Evening(int year, int month, int day) => new(year, month, day, 17, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Proposals_ReceivedThreeWeeksBeforeTheFortnight_MustBeOnItsAgenda_LaterOnesWaitForTheNext()
    {
        var e = await TenOwnersAsync();
        var s = e.World.Syndic;
        // the ROI: the ordinary assembly meets in the fortnight from 20 December; proposals by 29 November go on it
        Assert.True((await Requests.SaveSettingsAsync(s, e.Building, new AssemblySettingsInput { PeriodMonth = 12, PeriodDay = 20 }, Ct)).Succeeded);
        var rules = (await Requests.SettingsAsync(e.OwnerActors[2], e.Building, Ct)).Value;
        Assert.Equal((new DateOnly(2026, 12, 20), new DateOnly(2026, 12, 20), true, false),
            (rules.NextPeriodStart!.Value, rules.ProposalDueFrom, rules.IsOwner, rules.CanManage));

        var chargers = (await Requests.ProposeAsync(e.OwnerActors[2], e.Building, new ProposalInput { Title = "Bornes de recharge au parking", Text = "Devis joint." }, Ct)).Value;
        fx.Clock.Advance(TimeSpan.FromDays(5));                                                          // 30 November: too late for this year
        var hall = (await Requests.ProposeAsync(e.OwnerActors[3], e.Building, new ProposalInput { Title = "Repeindre le hall" }, Ct)).Value;
        var all = (await Requests.ProposalsAsync(s, e.Building, Ct)).Value;
        Assert.Equal([(hall, new DateOnly(2027, 12, 20)), (chargers, new DateOnly(2026, 12, 20))], all.Select(p => (p.Id, p.DueFrom)));
        Assert.Equal([hall], (await Requests.ProposalsAsync(e.OwnerActors[3], e.Building, Ct)).Value.Select(p => p.Id));   // an owner sees their own
        Assert.Equal(2, await NotifiedAsync(s.UserId!, "notify.agenda_proposal", e.Building));   // one per proposal

        var meeting = (await Assemblies.CreateAsync(s, e.Building, At(Evening(2026, 12, 21)), Ct)).Value;
        Assert.True((await Assemblies.AddItemAsync(s, meeting, Resolution("Approbation des comptes"), Ct)).Succeeded);
        var refused = (await Assemblies.ConveneAsync(s, meeting, Ct)).FirstError!;
        Assert.Equal("error.proposals_pending", refused.Code);
        Assert.Equal("Bornes de recharge au parking", refused.Args.Single());                           // the hall waits for 2027

        // the statutes' longer convocation period is the one that counts
        Assert.True((await Requests.SaveSettingsAsync(s, e.Building, new AssemblySettingsInput { PeriodMonth = 12, PeriodDay = 20, ConvocationDays = 30 }, Ct)).Succeeded);
        var placed = (await Assemblies.AddItemAsync(s, meeting, new AgendaItemInput { Title = "Bornes de recharge", Majority = Majority.TwoThirds, ProposalId = chargers }, Ct)).Value;
        var late = (await Assemblies.ConveneAsync(s, meeting, Ct)).FirstError!;
        Assert.Equal(("error.convocation_late", 30), (late.Code, (int)late.Args[0]!));
        Assert.True((await Requests.SaveSettingsAsync(s, e.Building, new AssemblySettingsInput { PeriodMonth = 12, PeriodDay = 20 }, Ct)).Succeeded);

        // once on an agenda, not twice; taken off the draft agenda, it waits again
        Assert.Equal("error.proposal_not_pending", (await Assemblies.AddItemAsync(s, meeting, new AgendaItemInput { Title = "Encore", ProposalId = chargers }, Ct)).FirstError!.Code);
        Assert.True((await Assemblies.RemoveItemAsync(s, placed, Ct)).Succeeded);
        Assert.Equal(ProposalStatus.Pending, (await Requests.ProposalsAsync(s, e.Building, Ct)).Value.Single(p => p.Id == chargers).Status);
        Assert.True((await Assemblies.AddItemAsync(s, meeting, new AgendaItemInput { Title = "Bornes de recharge", ProposalId = chargers }, Ct)).Succeeded);
        Assert.Equal("error.proposal_not_pending", (await Requests.WithdrawProposalAsync(e.OwnerActors[2], chargers, Ct)).FirstError!.Code);
        Assert.True((await Assemblies.ConveneAsync(s, meeting, Ct)).Succeeded);
        var mine = (await Requests.ProposalsAsync(e.OwnerActors[2], e.Building, Ct)).Value.Single();
        Assert.Equal((ProposalStatus.Placed, meeting), (mine.Status, mine.MeetingId!.Value));

        // its author withdraws the other; nobody else may
        Assert.Equal(Errors.NotFound, (await Requests.WithdrawProposalAsync(e.OwnerActors[2], hall, Ct)).FirstError!.Code);
        Assert.True((await Requests.WithdrawProposalAsync(e.OwnerActors[3], hall, Ct)).Succeeded);
        Assert.Equal("error.proposal_not_pending", (await Requests.WithdrawProposalAsync(e.OwnerActors[3], hall, Ct)).FirstError!.Code);

        // only the building's current owners propose; only its syndic sets its rules
        Assert.Equal(Errors.NotFound, (await Requests.ProposeAsync(e.World.OwnerActorA, e.Building, new ProposalInput { Title = "Ailleurs" }, Ct)).FirstError!.Code);
        Assert.Equal(Errors.Forbidden, (await Requests.ProposeAsync(s, e.Building, new ProposalInput { Title = "Le syndic" }, Ct)).FirstError!.Code);
        Assert.Equal(Errors.Forbidden, (await Requests.SaveSettingsAsync(e.OwnerActors[0], e.Building, new AssemblySettingsInput(), Ct)).FirstError!.Code);
        Assert.Equal(Errors.Required, (await Requests.ProposeAsync(e.OwnerActors[0], e.Building, new ProposalInput { Title = " " }, Ct)).FirstError!.Code);
    }

    [Fact]
    public async Task SettingsInput_RefusesAMonthOrDayThatDoesNotExist_AndLessThanTheLawsFifteenDays_SavingNothing()
    {
        var e = await TenOwnersAsync();
        var s = e.World.Syndic;
        async Task<string> CodeOf(AssemblySettingsInput input) => (await Requests.SaveSettingsAsync(s, e.Building, input, Ct)).FirstError!.Code;
        Assert.Equal("error.period_month", await CodeOf(new() { PeriodMonth = 13, PeriodDay = 1 }));
        Assert.Equal("error.period_day", await CodeOf(new() { PeriodMonth = 4, PeriodDay = 31 }));
        Assert.Equal(Errors.Required, await CodeOf(new() { PeriodMonth = 4 }));
        Assert.Equal("error.convocation_days", await CodeOf(new() { ConvocationDays = 14 }));
        Assert.Equal("error.convocation_days", await CodeOf(new() { ConvocationDays = 91 }));
        var view = (await Requests.SettingsAsync(s, e.Building, Ct)).Value;
        Assert.Equal((null, null, 15), (view.PeriodMonth, view.PeriodDay, view.ConvocationDays));
        Assert.True((await Requests.SaveSettingsAsync(s, e.Building, new AssemblySettingsInput { PeriodMonth = 2, PeriodDay = 29, ConvocationDays = 20 }, Ct)).Succeeded);
        view = (await Requests.SettingsAsync(s, e.Building, Ct)).Value;
        Assert.Equal((2, 29, 20, new DateOnly(2027, 2, 28)), (view.PeriodMonth!.Value, view.PeriodDay!.Value, view.ConvocationDays, view.NextPeriodStart!.Value));
    }

    [Fact]
    public async Task AFifthOfTheShares_SignedInParallel_ReachesOnce_TheSyndicIsRemindedOnDay25_TheSignatoriesToldOnDay31()
    {
        var e = await TenOwnersAsync();
        var s = e.World.Syndic;
        // shares 250 150 120 100 90 80 70 60 50 30 of 1,000: a fifth is 200
        var request = (await Requests.OpenRequestAsync(e.OwnerActors[9], e.Building, "Remplacement de l'ascenseur", Ct)).Value;
        Assert.True((await Requests.SignRequestAsync(e.OwnerActors[8], request, Ct)).Succeeded);                // 80
        Assert.Equal("error.request_signed", (await Requests.SignRequestAsync(e.OwnerActors[8], request, Ct)).FirstError!.Code);
        var row = (await Requests.RequestsAsync(e.OwnerActors[7], e.Building, Ct)).Value.Single();
        Assert.Equal((RequestStatus.Collecting, 80, 1000, true), (row.Status, row.SignedShares, row.TotalShares, row.MaySign));

        // 60 and 70 at the same moment cross the fifth together, each owner's clicks counted once: the syndic is told once
        var clicks = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => Requests.SignRequestAsync(e.OwnerActors[6 + i % 2], request, Ct))));
        Assert.Equal(2, clicks.Count(c => c.Succeeded));
        Assert.All(clicks.Where(c => !c.Succeeded), c => Assert.Equal("error.request_signed", c.FirstError!.Code));
        row = (await Requests.RequestsAsync(s, e.Building, Ct)).Value.Single();
        Assert.Equal((RequestStatus.Reached, 210, new DateOnly(2026, 12, 25), false), (row.Status, row.SignedShares, row.ConveneBy!.Value, row.Overdue));
        Assert.Equal(4, row.Signatories.Count);
        Assert.Equal(1, await NotifiedAsync(s.UserId!, "notify.assembly_requested", e.Building));

        // who may not sign or answer
        Assert.Equal(Errors.NotFound, (await Requests.SignRequestAsync(e.World.OwnerActorA, request, Ct)).FirstError!.Code);
        Assert.Equal(Errors.Forbidden, (await Requests.SignRequestAsync(s, request, Ct)).FirstError!.Code);
        var extraordinary = At(Evening(2027, 1, 12));
        extraordinary.Kind = MeetingKind.Extraordinary;
        var meeting = (await Assemblies.CreateAsync(s, e.Building, extraordinary, Ct)).Value;
        Assert.Equal(Errors.Forbidden, (await Requests.AnswerRequestAsync(e.OwnerActors[0], request, meeting, Ct)).FirstError!.Code);

        async Task RunTwiceAtOnceAsync() =>
            await Task.WhenAll(Task.Run(() => fx.Get<RequestDeadlineJob>().RunAsync(Ct)), Task.Run(() => fx.Get<RequestDeadlineJob>().RunAsync(Ct)));
        fx.Clock.Advance(TimeSpan.FromDays(OwnerRequestRules.RemindOnDay - 1));
        await RunTwiceAtOnceAsync();
        Assert.Equal(0, await NotifiedAsync(s.UserId!, "notify.assembly_request_due", e.Building));
        fx.Clock.Advance(TimeSpan.FromDays(1));                                                          // day 25
        await RunTwiceAtOnceAsync();
        await RunTwiceAtOnceAsync();
        Assert.Equal(1, await NotifiedAsync(s.UserId!, "notify.assembly_request_due", e.Building));
        fx.Clock.Advance(TimeSpan.FromDays(6));                                                          // day 31: the 30 days have passed
        await RunTwiceAtOnceAsync();
        await RunTwiceAtOnceAsync();
        Assert.Equal(1, await NotifiedAsync(s.UserId!, "notify.assembly_request_overdue", e.Building));
        foreach (var signatory in new[] { 9, 8, 7, 6 })
            Assert.Equal(1, await NotifiedAsync(e.OwnerActors[signatory].UserId!, "notify.assembly_request_may_convene", e.Building));
        Assert.Equal(0, await NotifiedAsync(e.OwnerActors[0].UserId!, "notify.assembly_request_may_convene", e.Building));
        Assert.True((await Requests.RequestsAsync(s, e.Building, Ct)).Value.Single().Overdue);

        // the syndic answers late: the request is answered once the meeting is convened
        Assert.True((await Requests.AnswerRequestAsync(s, request, meeting, Ct)).Succeeded);
        Assert.True((await Assemblies.AddItemAsync(s, meeting, Resolution("Remplacement de l'ascenseur", Majority.TwoThirds), Ct)).Succeeded);
        Assert.True((await Assemblies.ConveneAsync(s, meeting, Ct)).Succeeded);
        row = (await Requests.RequestsAsync(e.OwnerActors[0], e.Building, Ct)).Value.Single();
        Assert.Equal((RequestStatus.Convened, false, false, meeting), (row.Status, row.Overdue, row.MaySign, row.MeetingId!.Value));
        Assert.Equal("error.request_answered", (await Requests.SignRequestAsync(e.OwnerActors[0], request, Ct)).FirstError!.Code);
    }

    private async Task<int> NotifiedAsync(string userId, string key, Guid building)
    {
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        var link = $"/assemblies/requests?building={building}";
        return await db.Notifications.CountAsync(n => n.UserId == userId && n.TextKey == key && n.Link == link, Ct);
    }
}
