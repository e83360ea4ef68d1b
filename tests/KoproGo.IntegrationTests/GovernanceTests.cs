using KoproGo.Core.Common;
using KoproGo.Core.Features.Assemblies;
using KoproGo.Core.Features.Notifications;
using KoproGo.Core.Features.UserAccounts;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.IntegrationTests;

/// <summary>
/// Elections and appointments (Civil Code Art. 3.89–3.90): council members elected one by one for a year, never the
/// syndic; the syndic's mandate for three years at most; adopting the item gives the mandate and the board role.
/// </summary>
public partial class AssemblyTests
{
    [Fact]
    public async Task CouncilElectedOneByOne_NeverTheSyndic_ForAYear_AndTheSyndicsMandateForThreeYearsAtMost()
    {
        var e = await TenOwnersAsync();
        var s = e.World.Syndic;
        var governance = fx.Get<IGovernanceService>();
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        // owner 9 is the syndic's own account (an owner in the building): never on the council
        await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE owners SET user_id = {s.UserId} WHERE id = {e.Owners[8]}", Ct);

        var meeting = (await Assemblies.CreateAsync(s, e.Building, At(fx.Clock.GetUtcNow().AddDays(20)), Ct)).Value;
        var meetingDay = DateOnly.FromDateTime(BusinessTime.LocalDateTime(fx.Clock.GetUtcNow().AddDays(20)));
        AgendaItemInput Elect(Guid candidate, DateOnly? ends = null) => new() { Title = "Élection au conseil", Effect = ItemEffect.ElectCouncilMember, CandidateOwnerId = candidate, MandateEnds = ends };
        async Task<Error> RefusedAsync(AgendaItemInput input) => (await Assemblies.AddItemAsync(s, meeting, input, Ct)).FirstError!;

        var syndicRefused = await RefusedAsync(Elect(e.Owners[8]));
        Assert.Equal(("error.council_syndic", nameof(AgendaItemInput.CandidateOwnerId)), (syndicRefused.Code, syndicRefused.Field));
        Assert.Equal("error.meeting_not_owner", (await RefusedAsync(Elect(e.World.OwnerA))).Code);                      // an owner of another building
        Assert.Equal("error.mandate_end", (await RefusedAsync(Elect(e.Owners[2], meetingDay.AddYears(1).AddDays(1)))).Code);
        Assert.Equal("error.mandate_end", (await RefusedAsync(Elect(e.Owners[2], meetingDay))).Code);
        Assert.Equal("error.mandate_end", (await RefusedAsync(new AgendaItemInput { Title = "Syndic", Effect = ItemEffect.AppointSyndic, MandateEnds = meetingDay.AddYears(3).AddDays(1) })).Code);
        Assert.Equal("error.item_effect_absolute", (await RefusedAsync(new AgendaItemInput
        { Title = "Élection au conseil", Effect = ItemEffect.ElectCouncilMember, CandidateOwnerId = e.Owners[2], Majority = Majority.TwoThirds })).Code);
        Assert.Equal(Errors.Required, (await RefusedAsync(new AgendaItemInput { Title = "Élection", Effect = ItemEffect.ElectCouncilMember })).Code);
        Assert.Equal(0, await db.AgendaItems.CountAsync(i => i.MeetingId == meeting, Ct));

        Assert.True((await Assemblies.AddItemAsync(s, meeting, Elect(e.Owners[2]), Ct)).Succeeded);
        Assert.True((await Assemblies.AddItemAsync(s, meeting, Elect(e.Owners[4]), Ct)).Succeeded);
        Assert.True((await Assemblies.AddItemAsync(s, meeting, new AgendaItemInput { Title = "Renouvellement du syndic", Effect = ItemEffect.AppointSyndic, MandateEnds = meetingDay.AddYears(3) }, Ct)).Succeeded);
        Assert.True((await Assemblies.ConveneAsync(s, meeting, Ct)).Succeeded);
        ToTheMeeting();
        await ArriveAsync(e, meeting, 0, 1, 2, 3, 4, 5, 6);
        Assert.True((await Session.OpenAsync(s, meeting, Ct)).Value.HasQuorum());
        var items = (await Assemblies.GetAsync(s, meeting, Ct)).Value.Items;
        async Task DecideAsync(Guid item, Vote majority)
        {
            Assert.True((await Session.OpenItemAsync(s, item, Ct)).Succeeded);
            foreach (var owner in new[] { 0, 1, 2, 3, 4, 5, 6 })
                await VoteAsync(e, item, owner, owner == 1 ? (majority == Vote.For ? Vote.Against : Vote.For) : majority);
            Assert.Equal(majority == Vote.For, (await Session.CloseItemAsync(s, item, Ct)).Value.Adopted);
        }
        await DecideAsync(items[0].Id, Vote.For);            // owner 3 elected
        await DecideAsync(items[1].Id, Vote.Against);        // owner 5 not
        await DecideAsync(items[2].Id, Vote.For);            // the syndic renewed

        var view = (await governance.GetAsync(e.OwnerActors[9], e.Building, Ct)).Value;     // an owner sees the building's council
        var member = Assert.Single(view.Council);
        Assert.Equal((e.Owners[2], meetingDay, meetingDay.AddYears(1), true), (member.OwnerId, member.From, member.Until, member.InForce));
        Assert.Equal((meetingDay.AddYears(3), true), (view.Syndic!.Until, view.Syndic.InForce));
        Assert.Equal((10, false, false), (view.CountedLots, view.CouncilRequired, view.CouncilMissing));
        // the elected owner's account now holds the building's board role
        Assert.True(await db.Memberships.AnyAsync(m => m.UserId == e.OwnerActors[2].UserId && m.Role == Role.BoardMember && m.BuildingId == e.Building, Ct));
        Assert.Equal(2, await db.Mandates.CountAsync(m => m.MeetingId == meeting, Ct));
        Assert.Equal(Errors.NotFound, (await governance.GetAsync(e.World.OwnerActorA, e.Building, Ct)).FirstError!.Code);
        Assert.Equal(Errors.NotFound, (await governance.GetAsync(e.World.TenantA, e.Building, Ct)).FirstError!.Code);

        // a year on, the member's term has ended: shown as such, for the syndic to put a new election on the agenda
        fx.Clock.Advance(TimeSpan.FromDays(370));
        Assert.False((await governance.GetAsync(s, e.Building, Ct)).Value.Council.Single().InForce);
        // and the role the election gave goes with it, once, whatever runs at once; a role granted by hand stays
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO memberships (id, user_id, organisation_id, building_id, role, created_at) VALUES ({Guid.NewGuid()}, {e.OwnerActors[6].UserId}, {e.World.OrganisationId}, {e.Building}, 'BoardMember', now())", Ct);
        var runs = await Task.WhenAll(Task.Run(() => fx.Get<CouncilTermJob>().RunAsync(Ct)), Task.Run(() => fx.Get<CouncilTermJob>().RunAsync(Ct)));
        Assert.Equal(1, runs.Sum());
        Assert.Equal(0, await fx.Get<CouncilTermJob>().RunAsync(Ct));
        Assert.False(await db.Memberships.AnyAsync(m => m.UserId == e.OwnerActors[2].UserId && m.Role == Role.BoardMember && m.BuildingId == e.Building, Ct));
        Assert.True(await db.Memberships.AnyAsync(m => m.UserId == e.OwnerActors[6].UserId && m.Role == Role.BoardMember && m.BuildingId == e.Building, Ct));
        Assert.Equal(1, await db.Notifications.CountAsync(n => n.UserId == e.OwnerActors[2].UserId && n.TextKey == "notify.council_term_ended", Ct));
        Assert.Equal(1, await db.Notifications.CountAsync(n => n.UserId == s.UserId && n.TextKey == "notify.council_member_ended", Ct));
    }
}
