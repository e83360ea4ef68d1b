using KoproGo.Core.Features.Assemblies;
using KoproGo.Core.Features.Files;
using KoproGo.Core.Features.Notifications;
using KoproGo.Core.Features.Owners;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.Web;

public sealed partial class DemoData
{
    /// <summary>
    /// Résidence Horta's last ordinary assembly, held through the app as it would have been on the day: convened a
    /// month before, owners present or represented, each item voted, the budget adopted (which moves it to Voted), Anne
    /// Claes elected to the council for a year and the syndic's mandate renewed for three,
    /// the minutes drawn up, signed by the chair (Marie Dubois) and the syndic as secretary, and sent a week later.
    /// The assembly's services run on a clock set to those days, so every date in the record is the meeting's.
    /// </summary>
    /// <returns>Whether every step succeeded (the caller stops the seeding otherwise).</returns>
    private async Task<bool> SeedLastAssemblyAsync(Guid organisationId, Guid buildingId, Guid budgetId, DateOnly day, CancellationToken ct)
    {
        var then = new DemoClock(BusinessTime.ToUtc(day.AddDays(-30), new TimeOnly(10, 0)));
        var notifications = ActivatorUtilities.CreateInstance<NotificationService>(services, then);
        var delivery = ActivatorUtilities.CreateInstance<ConvocationDelivery>(services, then);
        var assemblies = ActivatorUtilities.CreateInstance<AssemblyService>(services, then, notifications, delivery);
        var session = ActivatorUtilities.CreateInstance<AssemblySessionService>(services, then, assemblies);
        var minutes = ActivatorUtilities.CreateInstance<MinutesService>(services, then, assemblies, notifications);
        var system = Actor.System;
        Actor chair, syndic;
        Guid councillor;
        await using (var db = await dbFactory.CreateAsync(ct))
        {
            var anne = await db.Users.AsNoTracking().FirstAsync(u => u.Email == "conseil@horta.be", ct);
            councillor = await db.Owners.AsNoTracking().Where(o => o.UserId == anne.Id).Select(o => o.Id).FirstAsync(ct);
            var marie = await db.Users.AsNoTracking().FirstAsync(u => u.Email == "marie.dubois@example.be", ct);
            var sophie = await db.Users.AsNoTracking().FirstAsync(u => u.Email == "syndic@horta.be", ct);
            var marieOwner = await db.Owners.AsNoTracking().Where(o => o.UserId == marie.Id).Select(o => o.Id).FirstAsync(ct);
            chair = new Actor(marie.Id, marie.DisplayName, false, [new Grant(Role.Owner, organisationId, OwnerId: marieOwner)]);
            syndic = new Actor(sophie.Id, sophie.DisplayName, false, [new Grant(Role.Syndic, organisationId)]);
        }

        var meeting = await assemblies.CreateAsync(system, buildingId, new MeetingInput
        {
            Kind = MeetingKind.Ordinary,
            StartsAt = BusinessTime.ToUtc(day, new TimeOnly(19, 0)),
            Place = "Salle polyvalente, rez-de-chaussée, Avenue Louise 231",
        }, ct);
        if (!meeting.Succeeded)
            return false;
        var culture = System.Globalization.CultureInfo.GetCultureInfo("fr-BE");
        foreach (var key in new[] { "syndic_report", "approve_accounts", "discharge_syndic", "discharge_council", "approve_budget", "elect_council_member", "appoint_syndic" })
        {
            var template = AgendaLibrary.Items.Single(t => t.Key == key);
            var title = key switch
            {
                "elect_council_member" => "Élection de Mme Anne Claes au conseil de copropriété",
                "appoint_syndic" => "Renouvellement du mandat du syndic Syndic Horta pour trois ans",
                _ => Texts.Get("agenda.template." + key, culture),
            };
            if (!(await assemblies.AddItemAsync(system, meeting.Value, new AgendaItemInput
            {
                Title = title,
                Kind = template.Kind,
                Majority = template.Majority,
                BudgetId = template.ApprovesBudget ? budgetId : null,
                Effect = template.Effect,
                CandidateOwnerId = template.Effect == ItemEffect.ElectCouncilMember ? councillor : null,
            }, ct)).Succeeded)
                return false;
        }
        if (!(await assemblies.ConveneAsync(system, meeting.Value, ct)).Succeeded)
            return false;

        // the evening: all but three voices in the room, one of the absent represented by the second voice of the roll
        then.Now = BusinessTime.ToUtc(day, new TimeOnly(18, 50));
        var detail = (await assemblies.GetAsync(system, meeting.Value, ct)).Value;
        var chairOwner = chair.OwnerIds.Single();
        var roll = detail.Roll.Select(r => r.OwnerId).OrderByDescending(o => o == chairOwner).ToList();    // the chair first, never absent
        var absent = roll.TakeLast(3).ToList();
        if (!(await session.GrantProxyAsync(system, meeting.Value, new ProxyInput { GrantorOwnerId = absent[0], HolderOwnerId = roll[1] }, ct)).Succeeded)
            return false;
        foreach (var owner in roll.Except(absent))
            if (!(await session.ArriveAsync(system, meeting.Value, owner, AttendanceMode.InPerson, ct)).Succeeded)
                return false;
        then.Now = BusinessTime.ToUtc(day, new TimeOnly(19, 5));
        if (!(await session.OpenAsync(system, meeting.Value, ct)).Value.HasQuorum())
            return false;
        var voters = roll.Except(absent.Skip(1)).ToList();
        foreach (var (item, index) in detail.Items.Where(i => i.Kind == ItemKind.Resolution).Select((item, index) => (item, index)))
        {
            then.Now = then.Now.AddMinutes(12);
            if (!(await session.OpenItemAsync(system, item.Id, ct)).Succeeded)
                return false;
            // a show of hands recorded by the syndic: a few against or abstaining, so the minutes name them
            for (var v = 0; v < voters.Count; v++)
            {
                var vote = (index, v % 7) switch { (1, 3) => Vote.Against, (3, 2) or (3, 5) => Vote.Against, (0, 4) or (3, 6) => Vote.Abstain, _ => Vote.For };
                if (!(await session.VoteAsync(system, item.Id, new BallotInput { OwnerId = voters[v], Vote = vote }, ct)).Succeeded)
                    return false;
            }
            if (!(await session.CloseItemAsync(system, item.Id, ct)).Value.Adopted)
                return false;
        }
        then.Now = then.Now.AddMinutes(15);
        if (!(await session.CloseAsync(system, meeting.Value, ct)).Succeeded
            || !(await minutes.SetBureauAsync(system, meeting.Value, new BureauInput { PresidentOwnerId = roll[0] }, ct)).Succeeded
            || !(await minutes.DrawUpAsync(system, meeting.Value, ct)).Succeeded)
            return false;

        // signed before leaving by the chair, on her phone, and by the syndic, secretary; sent to every owner a week later
        then.Now = then.Now.AddMinutes(5);
        if (!(await minutes.SignAsync(chair, meeting.Value, ct)).Succeeded || !(await minutes.SignAsync(syndic, meeting.Value, ct)).Succeeded)
            return false;
        then.Now = BusinessTime.ToUtc(day.AddDays(7), new TimeOnly(10, 0));
        return (await minutes.SendAsync(system, meeting.Value, ct)).Succeeded;
    }

    /// <summary>A clock that stays where the demo puts it: the assembly's services see the days of a past meeting.</summary>
    private sealed class DemoClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;

        public override TimeZoneInfo LocalTimeZone => BusinessTime.Zone;
    }
}
