namespace KoproGo.Core.Features.Skills;

public sealed record SkillRow(Guid Id, string OwnerName, SkillType Type, string Title, string? Description, SkillLevel Level, SkillAvailability Availability,
    decimal? HourlyRate, bool AcceptsTimeCredits, int YearsOfExperience, int Endorsements, bool EndorsedByMe, bool Mine, IReadOnlyList<Guid> CertificateFileIds);

public sealed record ExchangeRow(Guid Id, string SkillTitle, bool IProvide, string OtherName, decimal Hours, string? Description, ExchangeStatus Status, DateTimeOffset RequestedAt);

public sealed record SkillStats(int Skills, IReadOnlyDictionary<SkillType, int> ByType, int Available, IReadOnlyList<(string Title, int Endorsements)> MostEndorsed);

public interface ISkillService
{
    Task<Result<IReadOnlyList<SkillRow>>> SearchAsync(Actor actor, Guid buildingId, SkillQuery query, CancellationToken ct);
    Task<Result<Guid>> SaveAsync(Actor actor, Guid buildingId, Guid? skillId, SkillInput input, CancellationToken ct);
    Task<Result> EndorseAsync(Actor actor, Guid skillId, CancellationToken ct);
    /// <summary>Asks a neighbour for a service paid in time credits.</summary>
    Task<Result<Guid>> RequestServiceAsync(Actor actor, Guid skillId, decimal hours, string? description, CancellationToken ct);
    /// <summary>The provider says the service was done: the hours move from the receiver's balance to the provider's.</summary>
    Task<Result> CompleteServiceAsync(Actor actor, Guid exchangeId, CancellationToken ct);
    Task<Result> CancelServiceAsync(Actor actor, Guid exchangeId, CancellationToken ct);
    Task<IReadOnlyList<ExchangeRow>> MyExchangesAsync(Actor actor, CancellationToken ct);
    /// <summary>Hours given minus hours received, in completed services (it may go below zero: that is what neighbours are for).</summary>
    Task<decimal> MyBalanceAsync(Actor actor, CancellationToken ct);
    Task<Result<SkillStats>> StatsAsync(Actor actor, Guid buildingId, CancellationToken ct);
}

public sealed class SkillService(IKoproGoDbFactory dbFactory, INotificationService notifications, TimeProvider clock) : ISkillService
{
    public async Task<Result<IReadOnlyList<SkillRow>>> SearchAsync(Actor actor, Guid buildingId, SkillQuery query, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        if (!await db.ReadableBuildings(actor, clock.Today()).AnyAsync(b => b.Id == buildingId, ct))
            return Errors.NotFoundError;
        var mine = actor.OwnerIds.ToList();
        var skills = db.Skills.AsNoTracking().Where(s => s.BuildingId == buildingId);
        if (Text.Clean(query.Text) is { } text)
        {
            var lower = text.ToLowerInvariant();
            skills = skills.Where(s => s.Title.ToLower().Contains(lower) || (s.Description != null && s.Description.ToLower().Contains(lower)));
        }
        if (query.Type is { } type) skills = skills.Where(s => s.Type == type);
        if (query.Level is { } level) skills = skills.Where(s => s.Level == level);
        if (query.Availability is { } availability) skills = skills.Where(s => s.Availability == availability);
        var rows = await (from s in skills
                          join o in db.Owners on s.OwnerId equals o.Id
                          orderby s.Title
                          select new
                          {
                              Skill = s,
                              Owner = o.DisplayName,
                              Endorsements = db.Set<Endorsement>().Count(e => e.SkillId == s.Id),
                              Mine = db.Set<Endorsement>().Any(e => e.SkillId == s.Id && mine.Contains(e.OwnerId)),
                          }).Take(200).ToListAsync(ct);
        return rows.Select(r => new SkillRow(r.Skill.Id, r.Owner, r.Skill.Type, r.Skill.Title, r.Skill.Description, r.Skill.Level, r.Skill.Availability, r.Skill.HourlyRate,
            r.Skill.AcceptsTimeCredits, r.Skill.YearsOfExperience, r.Endorsements, r.Mine, mine.Contains(r.Skill.OwnerId), r.Skill.CertificateFileIds)).ToList();
    }

    public async Task<Result<Guid>> SaveAsync(Actor actor, Guid buildingId, Guid? skillId, SkillInput input, CancellationToken ct)
    {
        var validation = input.Validate();
        if (!validation.IsValid)
            return Result<Guid>.Fail(validation.Errors);
        await using var db = await dbFactory.CreateAsync(ct);
        var contributor = await db.CommunityContributorAsync(actor, buildingId, input.CertificateFileIds, nameof(SkillInput.CertificateFileIds), clock.Today(), ct);
        if (!contributor.Succeeded)
            return Result<Guid>.Fail(contributor.Errors);
        var (building, owner) = contributor.Value;
        Skill skill;
        if (skillId is { } id)
        {
            var existing = await db.Skills.FirstOrDefaultAsync(s => s.Id == id && s.BuildingId == buildingId, ct);
            if (existing is null || existing.OwnerId != owner)
                return Errors.NotFoundError;
            existing.Update(input);
            skill = existing;
        }
        else
        {
            skill = Skill.Offer(building.OrganisationId, buildingId, owner, input, clock.GetUtcNow());
            db.Skills.Add(skill);
        }
        await db.SaveChangesAsync(ct);
        return skill.Id;
    }

    /// <summary>The skill if the actor is a current owner of its building, with the actor's owner record.</summary>
    private async Task<(Skill Skill, Guid Me)?> NeighbourSkillAsync(IKoproGoDb db, Actor actor, Guid skillId, CancellationToken ct)
    {
        var skill = await db.Skills.AsNoTracking().FirstOrDefaultAsync(s => s.Id == skillId, ct);
        if (skill is null || !await db.ReadableBuildings(actor, clock.Today()).AnyAsync(b => b.Id == skill.BuildingId, ct))
            return null;
        var me = await db.OwnerInBuildingAsync(actor, skill.BuildingId, clock.Today(), ct);
        return me is null ? null : (skill, me.Value);
    }

    public async Task<Result> EndorseAsync(Actor actor, Guid skillId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        if (await NeighbourSkillAsync(db, actor, skillId, ct) is not { } found)
            return Errors.NotFoundError;
        if (found.Skill.OwnerId == found.Me)
            return new Error("error.endorse_own");
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO endorsements (skill_id, owner_id, endorsed_at) VALUES ({skillId}, {found.Me}, {clock.GetUtcNow()}) ON CONFLICT DO NOTHING", ct);
        return inserted == 0 ? new Error("error.endorse_twice") : Result.Ok();
    }

    public async Task<Result<Guid>> RequestServiceAsync(Actor actor, Guid skillId, decimal hours, string? description, CancellationToken ct)
    {
        if (!TimeExchange.IsValidHours(hours))
            return new Error("error.exchange_hours", [], "Hours");
        if (Text.Clean(description) is { Length: > TimeExchange.DescriptionMax })
            return new Error(Errors.TooLong, [TimeExchange.DescriptionMax], "Description");
        await using var db = await dbFactory.CreateAsync(ct);
        if (await NeighbourSkillAsync(db, actor, skillId, ct) is not { } found)
            return Errors.NotFoundError;
        if (found.Skill.OwnerId == found.Me)
            return new Error("error.exchange_own");
        if (!found.Skill.AcceptsTimeCredits || found.Skill.Availability == SkillAvailability.Unavailable)
            return new Error("error.exchange_not_offered");
        var exchange = TimeExchange.Request(found.Skill, found.Me, hours, description, clock.GetUtcNow());
        db.TimeExchanges.Add(exchange);
        await notifications.NotifyOwnersAsync(db, [found.Skill.OwnerId], found.Skill.OrganisationId, NotificationType.Community, "notify.exchange_requested", [found.Skill.Title], "/skills", ct);
        await db.SaveChangesAsync(ct);
        return exchange.Id;
    }

    public Task<Result> CompleteServiceAsync(Actor actor, Guid exchangeId, CancellationToken ct) => ChangeAsync(actor, exchangeId, providerOnly: true, e => e.Complete(clock.GetUtcNow()), ct);

    public Task<Result> CancelServiceAsync(Actor actor, Guid exchangeId, CancellationToken ct) => ChangeAsync(actor, exchangeId, providerOnly: false, e => e.Cancel(), ct);

    private async Task<Result> ChangeAsync(Actor actor, Guid exchangeId, bool providerOnly, Action<TimeExchange> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.LockAsync<TimeExchange>(exchangeId, ct);
        var exchange = await db.TimeExchanges.FirstOrDefaultAsync(e => e.Id == exchangeId, ct);
        var mine = actor.OwnerIds.ToList();
        if (exchange is null || !(mine.Contains(exchange.ProviderId) || mine.Contains(exchange.ReceiverId)))
            return Errors.NotFoundError;
        if (providerOnly && !mine.Contains(exchange.ProviderId))
            return Errors.ForbiddenError;
        if (exchange.Status != ExchangeStatus.Requested)
            return Error.Of("error.exchange_status", exchange.Status.ToString());
        change(exchange);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result.Ok();
    }

    public async Task<IReadOnlyList<ExchangeRow>> MyExchangesAsync(Actor actor, CancellationToken ct)
    {
        var mine = actor.OwnerIds.ToList();
        if (mine.Count == 0)
            return [];
        await using var db = await dbFactory.CreateAsync(ct);
        var rows = await (from e in db.TimeExchanges.AsNoTracking()
                          join s in db.Skills on e.SkillId equals s.Id
                          join p in db.Owners on e.ProviderId equals p.Id
                          join r in db.Owners on e.ReceiverId equals r.Id
                          where mine.Contains(e.ProviderId) || mine.Contains(e.ReceiverId)
                          orderby e.RequestedAt descending
                          select new { Exchange = e, s.Title, Provider = p.DisplayName, Receiver = r.DisplayName }).Take(200).ToListAsync(ct);
        return rows.Select(r =>
        {
            var provide = mine.Contains(r.Exchange.ProviderId);
            return new ExchangeRow(r.Exchange.Id, r.Title, provide, provide ? r.Receiver : r.Provider, r.Exchange.Hours, r.Exchange.Description, r.Exchange.Status, r.Exchange.RequestedAt);
        }).ToList();
    }

    public async Task<decimal> MyBalanceAsync(Actor actor, CancellationToken ct)
    {
        var mine = actor.OwnerIds.ToList();
        if (mine.Count == 0)
            return 0m;
        await using var db = await dbFactory.CreateAsync(ct);
        var done = db.TimeExchanges.Where(e => e.Status == ExchangeStatus.Completed);
        var earned = await done.Where(e => mine.Contains(e.ProviderId)).SumAsync(e => e.Hours, ct);
        var spent = await done.Where(e => mine.Contains(e.ReceiverId)).SumAsync(e => e.Hours, ct);
        return earned - spent;
    }

    public async Task<Result<SkillStats>> StatsAsync(Actor actor, Guid buildingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        if (!await db.ReadableBuildings(actor, clock.Today()).AnyAsync(b => b.Id == buildingId, ct))
            return Errors.NotFoundError;
        var skills = db.Skills.Where(s => s.BuildingId == buildingId);
        var byType = await skills.GroupBy(s => s.Type).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var top = await skills.Select(s => new { s.Title, Count = db.Set<Endorsement>().Count(e => e.SkillId == s.Id) }).Where(x => x.Count > 0)
            .OrderByDescending(x => x.Count).ThenBy(x => x.Title).Take(5).ToListAsync(ct);
        return new SkillStats(byType.Values.Sum(), byType, await skills.CountAsync(s => s.Availability == SkillAvailability.Available, ct), top.Select(t => (t.Title, t.Count)).ToList());
    }
}
