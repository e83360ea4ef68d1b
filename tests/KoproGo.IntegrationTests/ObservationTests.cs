using KoproGo.Core.Common;
using KoproGo.Core.Features.Assemblies;
using KoproGo.Core.Features.Notices;
using KoproGo.Core.Features.UserAccounts;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.IntegrationTests;

/// <summary>
/// The occupants (tenants too) learn the assembly's date from the notice board, posted as it is convened, and may
/// write their observations to the syndic until it starts; only the building's staff read them.
/// </summary>
public partial class AssemblyTests
{
    [Fact]
    public async Task Convening_PostsTheDateForOccupants_WhoWriteObservations_ReadByTheSyndicOnly()
    {
        var e = await TenOwnersAsync();
        var s = e.World.Syndic;
        var observations = fx.Get<IObservationService>();
        var tenant = await World.UserAsync(fx, $"tenant-{Guid.NewGuid():N}@example.be", [new Grant(Role.Tenant, e.World.OrganisationId, e.Building)], Ct);
        var meeting = await ConvenedAsync(e, Resolution("Approbation des comptes"));

        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        var notice = await db.Notices.SingleAsync(n => n.BuildingId == e.Building && n.Category == NoticeCategory.Event, Ct);
        Assert.Equal(NoticeStatus.Published, notice.Status);
        Assert.Contains($"/assemblies/{meeting}/observations", notice.Body, StringComparison.Ordinal);

        var form = (await observations.FormAsync(tenant, meeting, Ct)).Value;
        Assert.Equal((true, "Approbation des comptes"), (form.Open, form.Items.Single()));
        Assert.Equal(Errors.Required, (await observations.SubmitAsync(tenant, meeting, "  ", Ct)).FirstError!.Code);
        Assert.Equal(Errors.TooLong, (await observations.SubmitAsync(tenant, meeting, new string('x', OccupantObservation.TextMax + 1), Ct)).FirstError!.Code);
        Assert.True((await observations.SubmitAsync(tenant, meeting, "La porte du garage reste ouverte la nuit.", Ct)).Succeeded);
        Assert.True((await observations.SubmitAsync(e.OwnerActors[3], meeting, "Prévoir des vélos dans la cave.", Ct)).Succeeded);
        Assert.Equal(Errors.NotFound, (await observations.SubmitAsync(e.World.TenantA, meeting, "Autre immeuble", Ct)).FirstError!.Code);
        Assert.Equal(Errors.NotFound, (await observations.FormAsync(e.World.OwnerActorA, meeting, Ct)).FirstError!.Code);

        Assert.False((await observations.ListAsync(tenant, meeting, Ct)).Succeeded);
        Assert.False((await observations.ListAsync(e.OwnerActors[3], meeting, Ct)).Succeeded);
        var read = (await observations.ListAsync(s, meeting, Ct)).Value;
        Assert.Equal(["La porte du garage reste ouverte la nuit.", "Prévoir des vélos dans la cave."], read.Select(o => o.Text));

        ToTheMeeting();
        Assert.Equal("error.observation_closed", (await observations.SubmitAsync(tenant, meeting, "Trop tard", Ct)).FirstError!.Code);
        Assert.False((await observations.FormAsync(tenant, meeting, Ct)).Value.Open);
    }
}
