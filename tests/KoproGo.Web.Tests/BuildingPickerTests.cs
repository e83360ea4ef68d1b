using Bunit.TestDoubles;
using KoproGo.Core.Common;
using KoproGo.Core.Features.Buildings;
using KoproGo.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NSubstitute;

namespace KoproGo.Web.Tests;

/// <summary>The one building choice of the community pages: empty state, ?building=, the choice remembered, the page told.</summary>
public class BuildingPickerTests : KoproTestContext
{
    private readonly IBuildingService _buildings = Substitute.For<IBuildingService>();
    private readonly BuildingSummary _horta = new(Guid.NewGuid(), OrganisationId, "Résidence Horta", "Bruxelles", Region.Brussels, 12, 10, 1000, 1000);
    private readonly BuildingSummary _meir = new(Guid.NewGuid(), OrganisationId, "Meir 12", "Antwerpen", Region.Flanders, 8, 8, 1000, 1000);
    private readonly List<BuildingSummary> _told = [];

    public BuildingPickerTests()
    {
        Services.AddSingleton(_buildings);
        _buildings.ListAsync(Syndic, Arg.Any<CancellationToken>()).Returns([_horta, _meir]);
        Render<MudPopoverProvider>();
    }

    private IRenderedComponent<BuildingPicker> Picker(Actor actor) => Render<BuildingPicker>(p => p
        .Add(c => c.Actor, actor)
        .Add(c => c.Id, "picker")
        .Add(c => c.Changed, EventCallback.Factory.Create<BuildingSummary>(this, b => _told.Add(b)))
        .AddChildContent("<p id='content'>content</p>"));

    [Fact]
    public void Render_NoReadableBuilding_SaysSoAndShowsNoContent()
    {
        var nobody = new Actor("u-none", "Nobody", false, []);
        _buildings.ListAsync(nobody, Arg.Any<CancellationToken>()).Returns([]);
        var picker = Picker(nobody);
        picker.WaitForAssertion(() => Assert.Equal("Vous n'êtes lié à aucun immeuble.", picker.Find("#no-building").TextContent));
        Assert.Empty(picker.FindAll("#content"));
        Assert.Empty(_told);
    }

    [Fact]
    public void Render_BeforeThePageHasItsActor_LoadsNothing()
    {
        var picker = Picker(Web.Security.CurrentActor.Anonymous);
        Assert.Empty(picker.FindAll("#content"));
        _ = _buildings.DidNotReceive().ListAsync(Arg.Any<Actor>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Render_WithoutQuery_ChoosesTheFirst_AndTellsThePage()
    {
        var picker = Picker(Syndic);
        picker.WaitForAssertion(() => Assert.Single(picker.FindAll("#content")));
        Assert.Equal([_horta], _told);
    }

    [Fact]
    public void Render_WithBuildingQuery_ChoosesThatBuilding()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/polls?building={_meir.Id}");
        Picker(Syndic).WaitForAssertion(() => Assert.Equal([_meir], _told));
    }

    [Fact]
    public void Render_QueryNamingAnUnreadableBuilding_FallsBackToTheFirst()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/polls?building={Guid.NewGuid()}");
        Picker(Syndic).WaitForAssertion(() => Assert.Equal([_horta], _told));
    }

    [Fact]
    public void Render_AfterAChoiceInThisCircuit_OpensOnIt()
    {
        Services.GetRequiredService<BuildingChoice>().Last = _meir.Id;
        Picker(Syndic).WaitForAssertion(() => Assert.Equal([_meir], _told));
    }
}
