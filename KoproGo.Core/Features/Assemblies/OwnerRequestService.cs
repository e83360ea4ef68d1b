namespace KoproGo.Core.Features.Assemblies;

/// <summary>
/// The owners' side of preparing an assembly (Art. 3.87 §2): the building's assembly rules, the items owners propose,
/// and their requests for an assembly once a fifth of the shares signs. The syndic puts a proposal on an agenda with
/// <see cref="IAssemblyService.AddItemAsync"/> (<see cref="AgendaItemInput.ProposalId"/>).
/// </summary>
public interface IOwnerRequestService
{
    /// <summary>The building's assembly rules and the dates they give a proposal made today; for its staff and owners.</summary>
    Task<Result<AssemblySettingsView>> SettingsAsync(Actor actor, Guid buildingId, CancellationToken ct);
    /// <summary>The fortnight of the ordinary assembly and the statutes' convocation period, by the building's syndic.</summary>
    Task<Result> SaveSettingsAsync(Actor actor, Guid buildingId, AssemblySettingsInput input, CancellationToken ct);
    /// <summary>An owner's item for the agenda; the day it is received fixes the assembly it goes to.</summary>
    Task<Result<Guid>> ProposeAsync(Actor actor, Guid buildingId, ProposalInput input, CancellationToken ct);
    /// <summary>Its author takes back a proposal not yet on an agenda.</summary>
    Task<Result> WithdrawProposalAsync(Actor actor, Guid proposalId, CancellationToken ct);
    /// <summary>Every proposal for the building's staff; their own for an owner.</summary>
    Task<Result<IReadOnlyList<ProposalRow>>> ProposalsAsync(Actor actor, Guid buildingId, CancellationToken ct);
    /// <summary>An owner opens a request for an assembly, signed by them.</summary>
    Task<Result<Guid>> OpenRequestAsync(Actor actor, Guid buildingId, string? reason, CancellationToken ct);
    /// <summary>Another owner signs it; the syndic is told once when the signatures reach a fifth of the shares.</summary>
    Task<Result> SignRequestAsync(Actor actor, Guid requestId, CancellationToken ct);
    /// <summary>The building's requests, with their signatures and deadline; for its staff and owners.</summary>
    Task<Result<IReadOnlyList<RequestRow>>> RequestsAsync(Actor actor, Guid buildingId, CancellationToken ct);
    /// <summary>The syndic names the meeting (draft or convened) that answers a request that stands.</summary>
    Task<Result> AnswerRequestAsync(Actor actor, Guid requestId, Guid meetingId, CancellationToken ct);
}

public sealed class OwnerRequestService(IKoproGoDbFactory dbFactory, INotificationService notifications, TimeProvider clock) : IOwnerRequestService
{
    /// <summary>The states of a meeting that has been convened.</summary>
    internal static readonly MeetingStatus[] Convened = [MeetingStatus.Convened, MeetingStatus.Opened, MeetingStatus.Closed, MeetingStatus.MinutesSent];

    public async Task<Result<AssemblySettingsView>> SettingsAsync(Actor actor, Guid buildingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        if (await ReadableAsync(db, actor, buildingId, ct) is not var (building, _, ownerId))
            return Errors.NotFoundError;
        var settings = await SettingsOfAsync(db, building, ct);
        var today = clock.Today();
        return new AssemblySettingsView(settings.PeriodMonth, settings.PeriodDay, settings.ConvocationDays,
            OwnerRequestRules.DueFrom(today, settings.Period), settings.Period?.NextFrom(today), actor.CanManage(building.OrganisationId, building.Id), ownerId is not null);
    }

    public Task<Result> SaveSettingsAsync(Actor actor, Guid buildingId, AssemblySettingsInput input, CancellationToken ct) =>
        dbFactory.InBuildingAsync(actor, buildingId, BuildingRight.Manage, clock.Today(), input.Validate(), async (db, building) =>
        {
            var settings = await db.AssemblySettings.FirstOrDefaultAsync(s => s.BuildingId == building.Id, ct);
            if (settings is null)
                db.AssemblySettings.Add(settings = AssemblySettings.Default(building.OrganisationId, building.Id));
            settings.Set(input, clock.GetUtcNow());
            db.Audit(actor, clock, "assembly.settings", nameof(Building), building.Id, building.OrganisationId, building.Id,
                $"{settings.PeriodDay}/{settings.PeriodMonth}, {settings.ConvocationDays}");
            await db.SaveChangesAsync(ct);
            return Result.Ok();
        }, ct);

    public async Task<Result<Guid>> ProposeAsync(Actor actor, Guid buildingId, ProposalInput input, CancellationToken ct)
    {
        var v = input.Validate();
        if (!v.IsValid)
            return Result<Guid>.Fail(v.Errors);
        await using var db = await dbFactory.CreateAsync(ct);
        var found = await OwnerAsync(db, actor, buildingId, ct);
        if (!found.Succeeded)
            return Result<Guid>.Fail(found.Errors);
        var (building, ownerId, userId) = found.Value;
        var settings = await SettingsOfAsync(db, building, ct);
        var now = clock.GetUtcNow();
        // named as the owners' register names them, like the signatures of a request
        var owner = await db.Owners.AsNoTracking().FirstAsync(o => o.Id == ownerId, ct);
        var proposal = AgendaProposal.Receive(building.OrganisationId, building.Id, ownerId, userId, owner.DisplayName, input, now,
            OwnerRequestRules.DueFrom(clock.Today(), settings.Period));
        db.AgendaProposals.Add(proposal);
        db.Audit(actor, clock, "assembly.proposal", nameof(AgendaProposal), proposal.Id, building.OrganisationId, building.Id, proposal.Title);
        await notifications.NotifySyndicsAsync(db, building.OrganisationId, NotificationType.Community, "notify.agenda_proposal",
            [building.Name, proposal.Title, proposal.DueFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)], Link(building.Id), ct);
        await db.SaveChangesAsync(ct);
        return proposal.Id;
    }

    public async Task<Result> WithdrawProposalAsync(Actor actor, Guid proposalId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var userId = actor.UserId;
        if (userId is null || !await db.AgendaProposals.AnyAsync(p => p.Id == proposalId && p.UserId == userId, ct))
            return Errors.NotFoundError;
        // the syndic may be placing it at this moment: one of the two wins
        await db.LockAsync<AgendaProposal>(proposalId, ct);
        var proposal = await db.AgendaProposals.FirstAsync(p => p.Id == proposalId, ct);
        if (!proposal.IsPending)
            return new Error("error.proposal_not_pending");
        proposal.Withdraw(clock.GetUtcNow());
        db.Audit(actor, clock, "assembly.proposal_withdrawn", nameof(AgendaProposal), proposal.Id, proposal.OrganisationId, proposal.BuildingId, proposal.Title);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result.Ok();
    }

    public async Task<Result<IReadOnlyList<ProposalRow>>> ProposalsAsync(Actor actor, Guid buildingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        if (await ReadableAsync(db, actor, buildingId, ct) is not var (building, staff, _))
            return Errors.NotFoundError;
        var userId = actor.UserId ?? "";
        // extension properties cannot stand in the expression tree
        var items = db.AgendaItems;
        var meetings = db.Meetings;
        var rows = await db.AgendaProposals.AsNoTracking().Where(p => p.BuildingId == building.Id && (staff || p.UserId == userId))
            .OrderByDescending(p => p.ReceivedAt)
            .Select(p => new
            {
                p,
                Meeting = items.Where(i => i.Id == p.AgendaItemId).Join(meetings, i => i.MeetingId, m => m.Id, (i, m) => new { m.Id, m.StartsAt }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.Select(r => new ProposalRow(r.p.Id, r.p.AuthorName, r.p.Title, r.p.Text, r.p.ReceivedAt, r.p.DueFrom,
            r.p.WithdrawnAt is not null ? ProposalStatus.Withdrawn : r.p.AgendaItemId is not null ? ProposalStatus.Placed : ProposalStatus.Pending,
            r.Meeting?.Id, r.Meeting?.StartsAt, r.p.UserId == userId)).ToList();
    }

    public async Task<Result<Guid>> OpenRequestAsync(Actor actor, Guid buildingId, string? reason, CancellationToken ct)
    {
        var v = new Validation().Required(reason, nameof(reason), AssemblyRequest.ReasonMax);
        if (!v.IsValid)
            return Result<Guid>.Fail(v.Errors);
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var found = await OwnerAsync(db, actor, buildingId, ct);
        if (!found.Succeeded)
            return Result<Guid>.Fail(found.Errors);
        var (building, ownerId, userId) = found.Value;
        var request = AssemblyRequest.Open(building.OrganisationId, building.Id, reason!, clock.GetUtcNow());
        db.AssemblyRequests.Add(request);
        db.Audit(actor, clock, "assembly.request_opened", nameof(AssemblyRequest), request.Id, request.OrganisationId, request.BuildingId, request.Reason);
        await db.SaveChangesAsync(ct);
        var signed = await SignLockedAsync(db, actor, request, building, ownerId, userId, ct);
        if (!signed.Succeeded)
            return Result<Guid>.Fail(signed.Errors);
        await tx.CommitAsync(ct);
        return request.Id;
    }

    public async Task<Result> SignRequestAsync(Actor actor, Guid requestId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var buildingId = await db.AssemblyRequests.Where(r => r.Id == requestId).Select(r => (Guid?)r.BuildingId).FirstOrDefaultAsync(ct);
        if (buildingId is null || await ReadableAsync(db, actor, buildingId.Value, ct) is null)
            return Errors.NotFoundError;
        var found = await OwnerAsync(db, actor, buildingId.Value, ct);
        if (!found.Succeeded)
            return Result.Fail(found.Errors);
        // signatures of one request are counted one at a time, so the fifth is reached — and the syndic told — once
        await db.LockAsync<AssemblyRequest>(requestId, ct);
        var request = await db.AssemblyRequests.FirstAsync(r => r.Id == requestId, ct);
        var signed = await SignLockedAsync(db, actor, request, found.Value.Building, found.Value.OwnerId, found.Value.UserId, ct);
        if (!signed.Succeeded)
            return signed;
        await tx.CommitAsync(ct);
        return Result.Ok();
    }

    private async Task<Result> SignLockedAsync(IKoproGoDb db, Actor actor, AssemblyRequest request, Building building, Guid ownerId, string userId, CancellationToken ct)
    {
        if (await db.AssemblyRequestSignatures.AnyAsync(s => s.RequestId == request.Id && s.OwnerId == ownerId, ct))
            return new Error("error.request_signed");
        if (request.ReachedAt is not null && await AnsweredAsync(db, request, ct))
            return new Error("error.request_answered");
        var roll = await Roll.OfBuildingAsync(db, building.Id, clock.Today(), ct);
        // an indivision's lots vote through its representative (Roll): the one who may sign for them
        if (roll.Of(ownerId) is not { } voice)
            return new Error("error.request_no_voice");
        var now = clock.GetUtcNow();
        db.AssemblyRequestSignatures.Add(AssemblyRequestSignature.Sign(request.Id, voice, userId, now));
        db.Audit(actor, clock, "assembly.request_signed", nameof(AssemblyRequest), request.Id, request.OrganisationId, request.BuildingId, voice.Shares.ToString(CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(ct);
        var shares = await db.AssemblyRequestSignatures.Where(s => s.RequestId == request.Id).SumAsync(s => s.Shares, ct);
        if (request.ReachedAt is null && OwnerRequestRules.FifthReached(shares, roll.TotalShares))
        {
            request.Reach(now);
            db.Audit(actor, clock, "assembly.request_reached", nameof(AssemblyRequest), request.Id, request.OrganisationId, request.BuildingId,
                $"{shares}/{roll.TotalShares}");
            await notifications.NotifySyndicsAsync(db, building.OrganisationId, NotificationType.System, "notify.assembly_requested",
                [building.Name, request.Reason, request.ConveneBy!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)], Link(building.Id), ct);
            await db.SaveChangesAsync(ct);
        }
        return Result.Ok();
    }

    public async Task<Result<IReadOnlyList<RequestRow>>> RequestsAsync(Actor actor, Guid buildingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        if (await ReadableAsync(db, actor, buildingId, ct) is not var (building, _, ownerId))
            return Errors.NotFoundError;
        var requests = await db.AssemblyRequests.AsNoTracking().Where(r => r.BuildingId == building.Id).OrderByDescending(r => r.CreatedAt).ToListAsync(ct);
        var ids = requests.Select(r => r.Id).ToList();
        var signatures = (await db.AssemblyRequestSignatures.AsNoTracking().Where(s => ids.Contains(s.RequestId)).OrderBy(s => s.SignedAt).ToListAsync(ct))
            .ToLookup(s => s.RequestId);
        var meetingIds = requests.Where(r => r.MeetingId != null).Select(r => r.MeetingId!.Value).ToList();
        var meetings = await db.Meetings.AsNoTracking().Where(m => meetingIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        var roll = await Roll.OfBuildingAsync(db, building.Id, clock.Today(), ct);
        var today = clock.Today();
        return requests.Select(r =>
        {
            var meeting = r.MeetingId is { } id ? meetings.GetValueOrDefault(id) : null;
            var convened = meeting is not null && Convened.Contains(meeting.Status);
            var status = convened ? RequestStatus.Convened : r.ReachedAt is not null ? RequestStatus.Reached : RequestStatus.Collecting;
            var signedByMe = ownerId is { } me && signatures[r.Id].Any(s => s.OwnerId == me);
            return new RequestRow(r.Id, r.Reason, r.CreatedAt, signatures[r.Id].Select(s => s.Name).ToList(), signatures[r.Id].Sum(s => s.Shares), roll.TotalShares,
                status, r.ConveneBy, status == RequestStatus.Reached && today > r.ConveneBy, meeting?.Id, meeting?.StartsAt, signedByMe,
                ownerId is { } o && !signedByMe && roll.Of(o) is not null && status != RequestStatus.Convened);
        }).ToList();
    }

    public async Task<Result> AnswerRequestAsync(Actor actor, Guid requestId, Guid meetingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var found = await db.AssemblyRequests.Where(r => r.Id == requestId)
            .FindInBuildingAsync(db, actor, r => r.BuildingId, BuildingRight.Manage, clock.Today(), ct);
        if (!found.Succeeded)
            return Result.Fail(found.Errors);
        var request = found.Value.Record;
        if (request.ReachedAt is null)
            return new Error("error.request_not_reached");
        var meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId && m.BuildingId == request.BuildingId, ct);
        if (meeting is null)
            return new Error(Errors.NotFound, [], nameof(meetingId));
        if (meeting.Status is not (MeetingStatus.Draft or MeetingStatus.Convened) || meeting.StartsAt <= clock.GetUtcNow())
            return AssemblyService.StatusError(meeting);
        request.AnswerWith(meeting.Id);
        db.Audit(actor, clock, "assembly.request_answered", nameof(AssemblyRequest), request.Id, request.OrganisationId, request.BuildingId,
            AssemblyService.Day(meeting).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>A request is answered once the meeting named for it is convened (a cancelled one answers nothing).</summary>
    internal static Task<bool> AnsweredAsync(IKoproGoDb db, AssemblyRequest request, CancellationToken ct) =>
        db.Meetings.AnyAsync(m => m.Id == request.MeetingId && Convened.Contains(m.Status), ct);

    /// <summary>The building's assembly rules, or the law's defaults while none were entered.</summary>
    internal static async Task<AssemblySettings> SettingsOfAsync(IKoproGoDb db, Building building, CancellationToken ct) =>
        await db.AssemblySettings.AsNoTracking().FirstOrDefaultAsync(s => s.BuildingId == building.Id, ct)
        ?? AssemblySettings.Default(building.OrganisationId, building.Id);

    /// <summary>The building, for its staff or its current owners; null (not found) for anyone else.</summary>
    private async Task<(Building Building, bool Staff, Guid? OwnerId)?> ReadableAsync(IKoproGoDb db, Actor actor, Guid buildingId, CancellationToken ct)
    {
        var building = await db.ReadableBuildings(actor, clock.Today()).AsNoTracking().FirstOrDefaultAsync(b => b.Id == buildingId, ct);
        if (building is null)
            return null;
        var staff = actor.IsStaffOf(building.OrganisationId, building.Id);
        var owner = await db.OwnerInBuildingAsync(actor, building.Id, clock.Today(), ct);
        return staff || owner is not null ? (building, staff, owner) : null;
    }

    /// <summary>The building and the actor's owner record in it, for a signed-in current owner; "not found" when the building is not theirs to read, else "forbidden".</summary>
    private async Task<Result<(Building Building, Guid OwnerId, string UserId)>> OwnerAsync(IKoproGoDb db, Actor actor, Guid buildingId, CancellationToken ct)
    {
        var building = await db.ReadableBuildings(actor, clock.Today()).AsNoTracking().FirstOrDefaultAsync(b => b.Id == buildingId, ct);
        if (building is null)
            return Errors.NotFoundError;
        if (actor.UserId is not { } userId || await db.OwnerInBuildingAsync(actor, building.Id, clock.Today(), ct) is not { } ownerId)
            return Errors.ForbiddenError;
        return (building, ownerId, userId);
    }

    private static string Link(Guid buildingId) => $"/assemblies/requests?building={buildingId}";
}
