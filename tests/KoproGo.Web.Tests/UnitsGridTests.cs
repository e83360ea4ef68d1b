using KoproGo.Core.Common;
using KoproGo.Core.Features.Buildings;
using KoproGo.Web.Features.Buildings;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NSubstitute;

namespace KoproGo.Web.Tests;

public class UnitsGridTests : KoproTestContext
{
    private readonly IBuildingService _buildings = Substitute.For<IBuildingService>();
    private readonly Guid _buildingId = Guid.NewGuid();

    public UnitsGridTests() => Services.AddSingleton(_buildings);

    private IRenderedComponent<UnitsGrid> Render(int allocated, bool canManage = true)
    {
        Render<MudPopoverProvider>();
        Render<MudDialogProvider>();
        return Render<UnitsGrid>(p => p
            .Add(c => c.Actor, Syndic).Add(c => c.BuildingId, _buildingId).Add(c => c.CanManage, canManage)
            .Add(c => c.TotalShares, 1000).Add(c => c.SharesAllocated, allocated));
    }

    [Fact]
    public void Render_WithUnits_ShowsRowsRemainingSharesAndTranslatedTypes()
    {
        _buildings.UnitsAsync(Syndic, _buildingId, Arg.Any<PageRequest>(), Arg.Any<CancellationToken>())
            .Returns(Result.Ok(new Page<UnitRow>([new UnitRow(Guid.NewGuid(), "A1", UnitType.Apartment, 1, 80, 600, "Dubois Marie"), new UnitRow(Guid.NewGuid(), "P1", UnitType.Parking, -1, null, 150, "")], 2)));
        var grid = Render(750);
        grid.WaitForAssertion(() => Assert.Contains("Dubois Marie", grid.Markup, StringComparison.Ordinal));
        Assert.Contains("Appartement", grid.Markup, StringComparison.Ordinal);
        Assert.Contains("Parking", grid.Markup, StringComparison.Ordinal);
        Assert.Contains("Quotes-parts restantes : 250 sur 1", grid.Find("#units-remaining").TextContent, StringComparison.Ordinal);
        Assert.False(grid.Find("#new-unit").HasAttribute("disabled"));
    }

    [Fact]
    public void Render_AllSharesAllocated_DisablesNewUnit()
    {
        _buildings.UnitsAsync(Syndic, _buildingId, Arg.Any<PageRequest>(), Arg.Any<CancellationToken>()).Returns(Result.Ok(new Page<UnitRow>([], 0)));
        var grid = Render(1000);
        Assert.True(grid.Find("#new-unit").HasAttribute("disabled"));
        grid.WaitForAssertion(() => Assert.Contains("Aucun lot.", grid.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_ServiceRefuses_ShowsMessageNotCrash()
    {
        _buildings.UnitsAsync(Syndic, _buildingId, Arg.Any<PageRequest>(), Arg.Any<CancellationToken>())
            .Returns(Result<Page<UnitRow>>.Fail(Errors.ForbiddenError));
        var grid = Render(0, canManage: false);
        grid.WaitForAssertion(() => Assert.Equal("Vous n'avez pas accès à cette action.", grid.Find("#units-error").TextContent.Trim()));
        Assert.Empty(grid.FindAll("#new-unit"));
    }
}
