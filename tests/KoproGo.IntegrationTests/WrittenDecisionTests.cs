using KoproGo.Core.Common;
using KoproGo.Core.Features.Assemblies;
using KoproGo.Core.Features.Audit;
using KoproGo.Core.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.IntegrationTests;

/// <summary>
/// Decisions in writing (Art. 3.87 §11): every co-owner asked, each answering once (online or on paper through the
/// syndic); adopted by the last agreement, rejected by one refusal, lapsed at the last day; listed in the register.
/// </summary>
public partial class AssemblyTests
{
    private IWrittenDecisionService Written => fx.Get<IWrittenDecisionService>();

    private WrittenProcedureInput Question(string title) =>
        new() { Title = title, Text = "Le conseil propose de confier l'entretien du jardin à un autre jardinier.", LastDay = fx.Clock.Today().AddDays(20), NoNotarialDeed = true };

    [Fact]
    public async Task AWrittenDecision_AnsweredByAllAtOnce_OnlineAndOnPaper_IsAdoptedOnce_AndEntersTheRegister()
    {
        var e = await TenOwnersAsync();
        var s = e.World.Syndic;
        var id = (await Written.OpenAsync(s, e.Building, Question("Changer de jardinier"), Ct)).Value;
        var link = $"/assemblies/written/{id}";
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct))
            Assert.Equal(10, await db.Notifications.CountAsync(n => n.Link == link && n.TextKey == "notify.written_opened", Ct));

        // nine owners on their phones and the syndic's paper answer for the tenth, all at the same moment
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => Written.AnswerAsync(i == 9 ? s : e.OwnerActors[i], id,
            new WrittenAnswerInput { OwnerId = e.Owners[i], Agrees = true }, Ct))));
        Assert.All(answers, a => Assert.True(a.Succeeded));
        var detail = (await Written.GetAsync(e.OwnerActors[0], id, Ct)).Value;
        Assert.Equal((WrittenStatus.Adopted, 10, 1), (detail.Status, detail.Answers.Count(a => a.Agrees == true), detail.Answers.Count(a => a.OnPaper)));
        Assert.Equal([e.Owners[0]], detail.MyOwnerIds);
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct))
        {
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "written.adopted" && a.EntityId == id.ToString(), Ct));
            Assert.Equal(10, await db.Notifications.CountAsync(n => n.Link == link && n.TextKey == "notify.written_adopted", Ct));
        }
        var decision = (await fx.Get<IMinutesService>().DecisionsAsync(e.OwnerActors[4], e.Building, "jardinier", Ct)).Value.Single();
        Assert.Equal((true, true, Majority.Unanimity, 1000m, 0m), (decision.Written, decision.Adopted, decision.Majority, decision.For, decision.Against));
        Assert.Equal("error.written_closed", (await Written.AnswerAsync(s, id, new WrittenAnswerInput { OwnerId = e.Owners[0], Agrees = false }, Ct)).FirstError!.Code);
    }

    [Fact]
    public async Task AWrittenDecision_EndsAtOneRefusal_OrAtItsLastDay_EachAnswerFinal_AndOnlyTheSyndicAnswersForOthers()
    {
        var e = await TenOwnersAsync();
        var s = e.World.Syndic;
        var refused = (await Written.OpenAsync(s, e.Building, Question("Vendre la loge"), Ct)).Value;
        var lapsing = (await Written.OpenAsync(s, e.Building, Question("Peindre la façade"), Ct)).Value;

        Assert.True((await Written.AnswerAsync(e.OwnerActors[0], refused, new WrittenAnswerInput { OwnerId = e.Owners[0], Agrees = true }, Ct)).Succeeded);
        Assert.Equal("error.written_answered", (await Written.AnswerAsync(e.OwnerActors[0], refused, new WrittenAnswerInput { OwnerId = e.Owners[0], Agrees = false }, Ct)).FirstError!.Code);
        Assert.Equal(Errors.Forbidden, (await Written.AnswerAsync(e.OwnerActors[0], refused, new WrittenAnswerInput { OwnerId = e.Owners[1], Agrees = true }, Ct)).FirstError!.Code);
        Assert.Equal(Errors.NotFound, (await Written.AnswerAsync(e.World.OwnerActorA, refused, new WrittenAnswerInput { OwnerId = e.World.OwnerA, Agrees = true }, Ct)).FirstError!.Code);
        Assert.Equal("error.written_not_asked", (await Written.AnswerAsync(s, refused, new WrittenAnswerInput { OwnerId = e.World.OwnerA, Agrees = true }, Ct)).FirstError!.Code);
        Assert.True((await Written.AnswerAsync(e.OwnerActors[5], refused, new WrittenAnswerInput { OwnerId = e.Owners[5], Agrees = false }, Ct)).Succeeded);
        Assert.Equal(WrittenStatus.Rejected, (await Written.GetAsync(s, refused, Ct)).Value.Status);
        Assert.Equal("error.written_closed", (await Written.AnswerAsync(e.OwnerActors[6], refused, new WrittenAnswerInput { OwnerId = e.Owners[6], Agrees = true }, Ct)).FirstError!.Code);

        for (var i = 0; i < 9; i++)
            Assert.True((await Written.AnswerAsync(e.OwnerActors[i], lapsing, new WrittenAnswerInput { OwnerId = e.Owners[i], Agrees = true }, Ct)).Succeeded);
        fx.Clock.Advance(TimeSpan.FromDays(21));                                                         // the tenth never answered
        Assert.Equal(WrittenStatus.Lapsed, (await Written.ListAsync(s, e.Building, Ct)).Value.Single(w => w.Id == lapsing).Status);
        Assert.Equal("error.written_closed", (await Written.AnswerAsync(e.OwnerActors[9], lapsing, new WrittenAnswerInput { OwnerId = e.Owners[9], Agrees = true }, Ct)).FirstError!.Code);
        // the register holds the refused decision, not the lapsed one
        Assert.Equal([("Vendre la loge", false)], (await fx.Get<IMinutesService>().DecisionsAsync(s, e.Building, null, Ct)).Value.Where(d => d.Written).Select(d => (d.Title, d.Adopted)));
    }

    [Fact]
    public async Task OpeningAWrittenDecision_NeedsTheDeedConfirmed_AndALastDayAhead_ByTheSyndicOnly()
    {
        var e = await TenOwnersAsync();
        var s = e.World.Syndic;
        async Task<string> CodeOf(Action<WrittenProcedureInput> change)
        {
            var input = Question("Question");
            change(input);
            return (await Written.OpenAsync(s, e.Building, input, Ct)).FirstError!.Code;
        }
        Assert.Equal("error.written_deed", await CodeOf(i => i.NoNotarialDeed = false));
        Assert.Equal("error.written_last_day", await CodeOf(i => i.LastDay = fx.Clock.Today()));
        Assert.Equal("error.written_last_day", await CodeOf(i => i.LastDay = fx.Clock.Today().AddDays(WrittenProcedure.MaxDays + 1)));
        Assert.Equal(Errors.Required, await CodeOf(i => i.Text = " "));
        Assert.Equal(Errors.Forbidden, (await Written.OpenAsync(e.OwnerActors[0], e.Building, Question("Par un copropriétaire"), Ct)).FirstError!.Code);
        Assert.Empty((await Written.ListAsync(s, e.Building, Ct)).Value);
    }
}
