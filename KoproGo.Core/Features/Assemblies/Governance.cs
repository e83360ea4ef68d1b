using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.UserAccounts;

namespace KoproGo.Core.Features.Assemblies;

/// <summary>What adopting an item changes besides the minutes.</summary>
public enum ItemEffect
{
    None,
    /// <summary>Elects one owner to the council (Art. 3.90 §1): one item per member, the syndic never.</summary>
    ElectCouncilMember,
    /// <summary>Appoints or renews the syndic (Art. 3.89 §1): a mandate of three years at most, renewable.</summary>
    AppointSyndic,
}

/// <summary>
/// The building's governance as the law frames it: a council is compulsory from 20 lots, cellars, garages and parking
/// spaces not counted (Art. 3.90 §1); its members serve a year, renewable; the syndic's mandate is three years at most.
/// </summary>
public static class GovernanceRules
{
    public const int CouncilRequiredFromLots = 20, CouncilTermMonths = 12, SyndicTermMonths = 36;

    /// <summary>The lots that count towards the compulsory council: every lot but cellars and parking spaces.</summary>
    public static int CountedLots(IEnumerable<UnitType> lots) => lots.Count(t => t is not (UnitType.Cellar or UnitType.Parking));

    public static bool CouncilRequired(IEnumerable<UnitType> lots) => CountedLots(lots) >= CouncilRequiredFromLots;

    /// <summary>The last day a mandate voted on <paramref name="day"/> may run to, and the default one.</summary>
    public static DateOnly LatestEnd(ItemEffect effect, DateOnly day) =>
        day.AddMonths(effect == ItemEffect.AppointSyndic ? SyndicTermMonths : CouncilTermMonths);
}

/// <summary>A mandate given by an adopted item: a council member's (an owner) or the syndic's (the organisation).</summary>
public sealed class Mandate
{
    private Mandate() { }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid BuildingId { get; private set; }
    public ItemEffect Kind { get; private set; }
    /// <summary>The council member; none for the syndic's mandate (the organisation that manages the building).</summary>
    public Guid? OwnerId { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    public Guid MeetingId { get; private set; }
    /// <summary>The item that gave it: unique, so one decision gives one mandate.</summary>
    public Guid AgendaItemId { get; private set; }
    /// <summary>The building's BoardMember role this election gave the member's account (none if they held it already); withdrawn at the term's end.</summary>
    public Guid? GrantedMembershipId { get; private set; }

    public void Granted(Guid membershipId) => GrantedMembershipId = membershipId;

    public static Mandate Give(Meeting meeting, AgendaItem item, DateOnly day) => new()
    {
        Id = Guid.CreateVersion7(),
        OrganisationId = meeting.OrganisationId,
        BuildingId = meeting.BuildingId,
        Kind = item.Effect,
        OwnerId = item.Effect == ItemEffect.ElectCouncilMember ? item.CandidateOwnerId : null,
        StartsOn = day,
        EndsOn = item.MandateEnds ?? GovernanceRules.LatestEnd(item.Effect, day),
        MeetingId = meeting.Id,
        AgendaItemId = item.Id,
    };
}

public sealed record CouncilMember(Guid OwnerId, string Name, DateOnly From, DateOnly Until, bool InForce, Guid MeetingId);

public sealed record SyndicMandateView(string SyndicName, DateOnly From, DateOnly Until, bool InForce, Guid MeetingId);

/// <summary>The council (members in force and the last ones whose term ended) and the syndic's mandate of a building.</summary>
public sealed record GovernanceView(int CountedLots, bool CouncilRequired, IReadOnlyList<CouncilMember> Council, SyndicMandateView? Syndic)
{
    /// <summary>A building of 20 lots or more without a council member in force: the syndic puts an election on the next agenda.</summary>
    public bool CouncilMissing => CouncilRequired && !Council.Any(m => m.InForce);
}

public interface IGovernanceService
{
    /// <summary>The building's council and syndic mandate, as the assemblies decided them; for its staff and owners.</summary>
    Task<Result<GovernanceView>> GetAsync(Actor actor, Guid buildingId, CancellationToken ct);
}

public sealed class GovernanceService(IKoproGoDbFactory dbFactory, TimeProvider clock) : IGovernanceService
{
    public async Task<Result<GovernanceView>> GetAsync(Actor actor, Guid buildingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var today = clock.Today();
        var building = await db.ReadableBuildings(actor, today).AsNoTracking().FirstOrDefaultAsync(b => b.Id == buildingId, ct);
        if (building is null || !await db.IsStaffOrOwnerAsync(actor, building, today, ct))
            return Errors.NotFoundError;
        var lots = await db.Units.AsNoTracking().Where(u => u.BuildingId == buildingId).Select(u => u.Type).ToListAsync(ct);
        var mandates = await db.Mandates.AsNoTracking().Where(m => m.BuildingId == buildingId).OrderByDescending(m => m.StartsOn).ToListAsync(ct);
        var ownerIds = mandates.Where(m => m.OwnerId != null).Select(m => m.OwnerId!.Value).Distinct().ToList();
        var names = await db.Owners.AsNoTracking().Where(o => ownerIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.DisplayName, ct);
        bool InForce(Mandate m) => m.StartsOn <= today && today <= m.EndsOn;
        // each member's latest mandate: in force, or the one that ended (shown so that the syndic sees who to re-elect)
        var council = mandates.Where(m => m.Kind == ItemEffect.ElectCouncilMember).GroupBy(m => m.OwnerId!.Value).Select(g => g.First())
            .Select(m => new CouncilMember(m.OwnerId!.Value, names.GetValueOrDefault(m.OwnerId!.Value, "?"), m.StartsOn, m.EndsOn, InForce(m), m.MeetingId))
            .OrderByDescending(m => m.InForce).ThenBy(m => m.Name, StringComparer.CurrentCulture).ToList();
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == building.OrganisationId).Select(o => o.Name).FirstAsync(ct);
        var syndic = mandates.FirstOrDefault(m => m.Kind == ItemEffect.AppointSyndic) is { } s
            ? new SyndicMandateView(organisation, s.StartsOn, s.EndsOn, InForce(s), s.MeetingId) : null;
        return new GovernanceView(GovernanceRules.CountedLots(lots), GovernanceRules.CouncilRequired(lots), council, syndic);
    }

    /// <summary>
    /// Applies an adopted election or appointment: the mandate, and for a council member who has an account the
    /// building's BoardMember role (their access to the accounts they control), unless they hold it already.
    /// </summary>
    internal static async Task GiveMandateAsync(IKoproGoDb db, Actor actor, TimeProvider clock, Meeting meeting, AgendaItem item, CancellationToken ct)
    {
        var mandate = Mandate.Give(meeting, item, AssemblyService.Day(meeting));
        db.Mandates.Add(mandate);
        db.Audit(actor, clock, item.Effect == ItemEffect.AppointSyndic ? "mandate.syndic" : "mandate.council", nameof(Meeting), meeting.Id,
            meeting.OrganisationId, meeting.BuildingId, $"{item.Title}: {mandate.StartsOn:yyyy-MM-dd} → {mandate.EndsOn:yyyy-MM-dd}");
        if (mandate.OwnerId is not { } ownerId || await db.Owners.Where(o => o.Id == ownerId).Select(o => o.UserId).FirstOrDefaultAsync(ct) is not { } userId)
            return;
        if (await db.Set<Membership>().AnyAsync(m => m.UserId == userId && m.OrganisationId == meeting.OrganisationId && m.Role == Role.BoardMember
                                                    && m.BuildingId == meeting.BuildingId, ct))
            return;
        var membership = Membership.Create(userId, meeting.OrganisationId, Role.BoardMember, clock.GetUtcNow(), meeting.BuildingId);
        db.Set<Membership>().Add(membership);
        mandate.Granted(membership.Id);
    }
}
