using KoproGo.Core.Common;
using KoproGo.Core.Features.Owners;
using KoproGo.Web.Features.Owners;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NSubstitute;

namespace KoproGo.Web.Tests;

public class OwnershipEditorTests : KoproTestContext
{
    private readonly IOwnerService _owners = Substitute.For<IOwnerService>();
    private readonly Guid _unitId = Guid.NewGuid();
    private readonly Guid _dubois = Guid.NewGuid();
    private readonly Guid _lefevre = Guid.NewGuid();

    public OwnershipEditorTests()
    {
        Services.AddSingleton(_owners);
        _owners.UnitOwnershipsAsync(Arg.Any<Actor>(), _unitId, Arg.Any<CancellationToken>()).Returns(Result.Ok(new UnitOwnerships(_unitId, "A2", Guid.NewGuid(), "Résidence Horta", OrganisationId, 55, 1000,
            [new OwnershipRow(Guid.NewGuid(), _dubois, "Dubois Marie", OwnershipKind.Full, 60, true, new DateOnly(2015, 1, 1), null),
             new OwnershipRow(Guid.NewGuid(), _lefevre, "Lefèvre Pierre", OwnershipKind.Full, 40, false, new DateOnly(2015, 1, 1), null)],
            [])));
    }

    private IRenderedComponent<OwnershipEditor> Render()
    {
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        var editor = Render<OwnershipEditor>(p => p.Add(c => c.UnitId, _unitId));
        editor.WaitForAssertion(() => Assert.Contains("Propriété du lot A2", editor.Markup, StringComparison.Ordinal));
        return editor;
    }

    [Fact]
    public void Render_CurrentOwners_ShowsLinesAndTotal()
    {
        var editor = Render();
        Assert.Equal(2, editor.FindAll(".kg-ownership-line").Count);
        Assert.Contains("Total : 100 %", editor.Find("#ownership-total").TextContent, StringComparison.Ordinal);
        Assert.Contains("kg-ok", editor.Find("#ownership-total").ClassList);
    }

    [Fact]
    public void ChangePercentage_NotHundred_ShowsWarningTotal()
    {
        var editor = Render();
        editor.Find("#line-pct-1").Change("30");
        editor.WaitForAssertion(() => Assert.Contains("Total : 90 %", editor.Find("#ownership-total").TextContent, StringComparison.Ordinal));
        Assert.Contains("kg-warn", editor.Find("#ownership-total").ClassList);
    }

    [Fact]
    public void Save_ServiceRefuses_ShowsLocalisedMessage()
    {
        _owners.SaveOwnershipsAsync(Arg.Any<Actor>(), _unitId, Arg.Any<ChangeOwnershipInput>(), Arg.Any<CancellationToken>())
            .Returns(Result.Fail(new Error("error.ownership_sum", [90m])));
        var editor = Render();
        editor.Find("#save-ownership").Click();
        editor.WaitForAssertion(() => Assert.Contains("Les quotités totalisent 90 % au lieu de 100 %.", editor.Find("#ownership-errors").TextContent, StringComparison.Ordinal));
        _owners.Received(1).SaveOwnershipsAsync(Arg.Any<Actor>(), _unitId,
            Arg.Is<ChangeOwnershipInput>(i => i.Lines.Count == 2 && i.Lines[0].OwnerId == _dubois && i.Lines[0].Percentage == 60), Arg.Any<CancellationToken>());
    }
}
