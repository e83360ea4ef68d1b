using KoproGo.Core.Common;
using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Owners;
using KoproGo.Core.Features.Skills;

namespace KoproGo.IntegrationTests;

[Collection(DatabaseCollection.Name)]
public class SkillTests(DatabaseFixture fx)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private ISkillService Skills => fx.Get<ISkillService>();

    private async Task<World> SetUpAsync()
    {
        var w = await World.CreateAsync(fx, Ct);
        await w.GiveOwnerBLotA9Async(fx, Ct);
        return w;
    }

    [Fact]
    public async Task Skills_SearchEndorseOnce_AndTimeCreditsMoveOnCompletedServices()
    {
        var w = await SetUpAsync();
        var plumbing = (await Skills.SaveAsync(w.OwnerActorA, w.BuildingA, null, new SkillInput { Type = SkillType.Professional, Title = "Plomberie", Description = "Fuites, robinets, chasses", Level = SkillLevel.Expert, YearsOfExperience = 20 }, Ct)).Value;
        Assert.True((await Skills.SaveAsync(w.OwnerActorB, w.BuildingA, null, new SkillInput { Type = SkillType.Language, Title = "Cours de néerlandais", Level = SkillLevel.Advanced, Availability = SkillAvailability.Busy }, Ct)).Succeeded);
        Assert.Equal(["Plomberie"], (await Skills.SearchAsync(w.TenantA, w.BuildingA, new SkillQuery("ROBINET"), Ct)).Value.Select(s => s.Title));
        Assert.Equal(["Cours de néerlandais"], (await Skills.SearchAsync(w.OwnerActorA, w.BuildingA, new SkillQuery(Type: SkillType.Language, Availability: SkillAvailability.Busy), Ct)).Value.Select(s => s.Title));
        Assert.Empty((await Skills.SearchAsync(w.OwnerActorA, w.BuildingA, new SkillQuery(Level: SkillLevel.Beginner), Ct)).Value);
        Assert.Equal(Errors.NotFound, (await Skills.SearchAsync((await World.CreateAsync(fx, Ct)).OwnerActorA, w.BuildingA, new SkillQuery(), Ct)).FirstError!.Code);

        Assert.Equal("error.endorse_own", (await Skills.EndorseAsync(w.OwnerActorA, plumbing, Ct)).FirstError!.Code);
        Assert.True((await Skills.EndorseAsync(w.OwnerActorB, plumbing, Ct)).Succeeded);
        Assert.Equal("error.endorse_twice", (await Skills.EndorseAsync(w.OwnerActorB, plumbing, Ct)).FirstError!.Code);
        Assert.Equal(1, (await Skills.SearchAsync(w.OwnerActorA, w.BuildingA, new SkillQuery("plomb"), Ct)).Value.Single().Endorsements);

        Assert.Equal("error.exchange_hours", (await Skills.RequestServiceAsync(w.OwnerActorB, plumbing, 0.25m, null, Ct)).FirstError!.Code);
        Assert.Equal("error.exchange_own", (await Skills.RequestServiceAsync(w.OwnerActorA, plumbing, 1m, null, Ct)).FirstError!.Code);
        var exchange = (await Skills.RequestServiceAsync(w.OwnerActorB, plumbing, 1.5m, "Fuite sous l'évier", Ct)).Value;
        Assert.Equal(Errors.Forbidden, (await Skills.CompleteServiceAsync(w.OwnerActorB, exchange, Ct)).FirstError!.Code);   // the provider says it is done
        Assert.Equal(0m, await Skills.MyBalanceAsync(w.OwnerActorA, Ct));
        Assert.True((await Skills.CompleteServiceAsync(w.OwnerActorA, exchange, Ct)).Succeeded);
        Assert.Equal("error.exchange_status", (await Skills.CompleteServiceAsync(w.OwnerActorA, exchange, Ct)).FirstError!.Code);
        Assert.Equal((1.5m, -1.5m), (await Skills.MyBalanceAsync(w.OwnerActorA, Ct), await Skills.MyBalanceAsync(w.OwnerActorB, Ct)));
        var stats = (await Skills.StatsAsync(w.OwnerActorA, w.BuildingA, Ct)).Value;
        Assert.Equal((2, 1, "Plomberie"), (stats.Skills, stats.Available, stats.MostEndorsed[0].Title));
    }
}
