using System.Security.Cryptography;
using KoproGo.Core.Features.Documents;

namespace KoproGo.Core.Features.Assemblies;

public sealed record SignatureView(string Name, SignatoryRole Role, DateTimeOffset SignedAt);

/// <summary>Where a meeting's minutes stand, for its page: bureau, the fixed PDF's hash, signatures, deadline.</summary>
/// <remarks>A secretary, or an awaited signatory, named null is the syndic.</remarks>
public sealed record MinutesView(Guid? PresidentOwnerId, string? President, Guid? SecretaryOwnerId, string? Secretary, bool DrawnUp, string? Sha256,
    IReadOnlyList<SignatureView> Signatures, IReadOnlyList<string?> Awaited, SignatoryRole? MayMeSign, bool CanSend, DateOnly? Due, bool Overdue,
    DateTimeOffset? SentAt, IReadOnlyList<Voice> BureauCandidates);

/// <summary>One line of the building's register of decisions.</summary>
/// <param name="MeetingId">The meeting's id, or for a decision taken in writing (<paramref name="Written"/>) its procedure's.</param>
public sealed record DecisionRow(Guid MeetingId, DateOnly Day, MeetingKind Kind, int Position, string Title, Majority Majority, bool Adopted,
    decimal For, decimal Against, decimal Abstained, bool Written = false);

public interface IMinutesService
{
    Task<Result<MinutesView>> GetAsync(Actor actor, Guid meetingId, CancellationToken ct);
    /// <summary>The syndic records the bureau the meeting chose, while it sits or after, until the minutes are drawn up.</summary>
    Task<Result> SetBureauAsync(Actor actor, Guid meetingId, BureauInput input, CancellationToken ct);
    /// <summary>Fixes the minutes of a closed meeting: the PDF is kept as it is and its SHA-256 is what everyone signs.</summary>
    Task<Result> DrawUpAsync(Actor actor, Guid meetingId, CancellationToken ct);
    /// <summary>The acting user signs the fixed minutes as president, secretary or owner present at the close.</summary>
    Task<Result> SignAsync(Actor actor, Guid meetingId, CancellationToken ct);
    /// <summary>Sends the signed minutes to every owner (Art. 3.87 §12) and files them in the building's documents.</summary>
    Task<Result> SendAsync(Actor actor, Guid meetingId, CancellationToken ct);
    /// <summary>The building's register of decisions, newest first, optionally filtered by words of the item.</summary>
    Task<Result<IReadOnlyList<DecisionRow>>> DecisionsAsync(Actor actor, Guid buildingId, string? search, CancellationToken ct);
}

public sealed class MinutesService(IKoproGoDbFactory dbFactory, AssemblyService assemblies, INotificationService notifications, IFileStore store,
    TimeProvider clock) : IMinutesService
{
    private static readonly MeetingStatus[] Done = [MeetingStatus.Closed, MeetingStatus.MinutesSent];

    public async Task<Result<MinutesView>> GetAsync(Actor actor, Guid meetingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        if (await assemblies.ReadableAsync(db, actor, meetingId, ct) is not var (meeting, building, staff))
            return Errors.NotFoundError;
        var state = await MeetingState.LoadAsync(db, meeting, ct);
        var signatures = await SignaturesAsync(db, meetingId, ct);
        var name = (Guid? owner) => owner is { } o ? state.Roll.Of(o)?.Name : null;
        var signers = Signatories(state);
        var awaited = signers.Where(s => !signatures.Any(g => g.Role == s.Role && (s.Role != SignatoryRole.Owner || g.OwnerId == s.OwnerId)))
            .Select(s => s.OwnerId is { } o ? name(o) ?? "?" : null).ToList();
        var mayMeSign = meeting.Status == MeetingStatus.Closed && meeting.MinutesFileId is not null && actor.UserId is { } userId
            && signatures.All(s => s.UserId != userId) && RoleOf(actor, building, signers, signatures) is { } mine ? mine.Role : (SignatoryRole?)null;
        var today = clock.Today();
        return new MinutesView(meeting.PresidentOwnerId, name(meeting.PresidentOwnerId), meeting.SecretaryOwnerId,
            name(meeting.SecretaryOwnerId), meeting.MinutesFileId is not null, meeting.MinutesSha256,
            signatures.Select(s => new SignatureView(s.Name, s.Role, s.SignedAt)).ToList(), awaited, mayMeSign,
            staff && actor.CanManage(building.OrganisationId, building.Id) && meeting.Status == MeetingStatus.Closed && meeting.MinutesFileId is not null && BureauSigned(meeting, signatures),
            meeting.MinutesDue, meeting.Status == MeetingStatus.Closed && meeting.MinutesDue < today, meeting.MinutesSentAt,
            staff ? state.Roll.Voices.Where(v => PresentAtClose(state).Contains(v.OwnerId)).ToList() : []);
    }

    public async Task<Result> SetBureauAsync(Actor actor, Guid meetingId, BureauInput input, CancellationToken ct)
    {
        var v = input.Validate();
        if (!v.IsValid)
            return Result.Fail(v.Errors);
        return await ManagedAsync(actor, meetingId, async (db, meeting) =>
        {
            if (meeting.Status is not (MeetingStatus.Opened or MeetingStatus.Closed) || meeting.MinutesFileId is not null)
                return AssemblyService.StatusError(meeting);
            var state = await MeetingState.LoadAsync(db, meeting, ct);
            var present = PresentAtClose(state);
            if (!present.Contains(input.PresidentOwnerId))
                return new Error("error.bureau_not_present", [], nameof(BureauInput.PresidentOwnerId));
            if (input.SecretaryOwnerId is { } secretary && !present.Contains(secretary))
                return new Error("error.bureau_not_present", [], nameof(BureauInput.SecretaryOwnerId));
            meeting.SetBureau(input.PresidentOwnerId, input.SecretaryOwnerId);
            db.Audit(actor, clock, "meeting.bureau", nameof(Meeting), meeting.Id, meeting.OrganisationId, meeting.BuildingId, state.Roll.Of(input.PresidentOwnerId)?.Name);
            return Result.Ok();
        }, ct);
    }

    public async Task<Result> DrawUpAsync(Actor actor, Guid meetingId, CancellationToken ct)
    {
        string? written = null;
        try
        {
            return await ManagedAsync(actor, meetingId, async (db, meeting) =>
            {
                if (meeting.Status != MeetingStatus.Closed || meeting.MinutesFileId is not null)
                    return AssemblyService.StatusError(meeting);
                // a meeting that deliberated has a president; one closed for want of quorum is recorded by the syndic alone
                if (meeting.Quorum is { } quorum && quorum.HasQuorum() && meeting.PresidentOwnerId is null)
                    return new Error("error.minutes_no_president");
                var building = await db.Buildings.AsNoTracking().FirstAsync(b => b.Id == meeting.BuildingId, ct);
                var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == building.OrganisationId, ct);
                var now = clock.GetUtcNow();
                var pdf = AssemblyDocuments.Minutes(organisation, building, await MeetingState.LoadAsync(db, meeting, ct), now);
                using (var stream = new MemoryStream(pdf))
                    written = await store.SaveAsync(stream, ct);
                var file = StoredFile.Create(building.OrganisationId, building.Id, $"pv-ag-{AssemblyService.Day(meeting):yyyy-MM-dd}-original.pdf",
                    "application/pdf", pdf.Length, written, actor.UserId, now, FileUse.BuildingDocument, audience: DocumentAudience.Staff, kind: DocumentKind.Minutes);
                db.Files.Add(file);
                var hash = Convert.ToHexStringLower(SHA256.HashData(pdf));
                meeting.DrawUpMinutes(file.Id, hash, now);
                db.Audit(actor, clock, "meeting.minutes_drawn_up", nameof(Meeting), meeting.Id, meeting.OrganisationId, meeting.BuildingId, hash);
                return Result.Ok();
            }, ct);
        }
        catch
        {
            if (written is not null)
                await store.DeleteAsync(written, CancellationToken.None);
            throw;
        }
    }

    public async Task<Result> SignAsync(Actor actor, Guid meetingId, CancellationToken ct)
    {
        if (actor.UserId is not { } userId)
            return Errors.ForbiddenError;
        await using var db = await dbFactory.CreateAsync(ct);
        if (await assemblies.ReadableAsync(db, actor, meetingId, ct) is not var (read, building, _))
            return Errors.NotFoundError;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.LockAsync<Meeting>(meetingId, ct);
        var meeting = await db.Meetings.FirstAsync(m => m.Id == read.Id, ct);
        if (meeting.Status != MeetingStatus.Closed || meeting.MinutesSha256 is not { } hash)
            return new Error("error.minutes_not_signable");
        var state = await MeetingState.LoadAsync(db, meeting, ct);
        var signatures = await db.MinutesSignatures.AsNoTracking().Where(s => s.MeetingId == meetingId).ToListAsync(ct);
        if (signatures.Any(s => s.UserId == userId))
            return new Error("error.minutes_already_signed");
        if (RoleOf(actor, building, Signatories(state), signatures) is not { } signer)
            return new Error("error.minutes_not_signatory");
        var (role, ownerId) = signer;
        var name = ownerId is { } o ? state.Roll.Of(o)?.Name ?? actor.Name : actor.Name;
        db.MinutesSignatures.Add(MinutesSignature.Sign(meetingId, userId, ownerId, role, name, actor.Ip, hash, clock.GetUtcNow()));
        db.Audit(actor, clock, "meeting.minutes_signed", nameof(Meeting), meeting.Id, meeting.OrganisationId, meeting.BuildingId, role.ToString());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return new Error("error.minutes_already_signed");    // the same signature from two tabs at once
        }
        await MeetingFeed.SignalAsync(db, meetingId, ct);
        await tx.CommitAsync(ct);
        return Result.Ok();
    }

    public async Task<Result> SendAsync(Actor actor, Guid meetingId, CancellationToken ct)
    {
        string? written = null;
        try
        {
            return await ManagedAsync(actor, meetingId, async (db, meeting) =>
            {
                if (meeting.Status != MeetingStatus.Closed || meeting.MinutesFileId is null)
                    return AssemblyService.StatusError(meeting);
                var signatures = await SignaturesAsync(db, meetingId, ct);
                if (!BureauSigned(meeting, signatures))
                    return new Error("error.minutes_unsigned");
                var building = await db.Buildings.AsNoTracking().FirstAsync(b => b.Id == meeting.BuildingId, ct);
                var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == building.OrganisationId, ct);
                var now = clock.GetUtcNow();
                var pdf = await SignedPdfAsync(db, store, organisation, building, meeting, signatures, now, ct);
                using (var stream = new MemoryStream(pdf))
                    written = await store.SaveAsync(stream, ct);
                var file = StoredFile.Create(building.OrganisationId, building.Id, $"pv-ag-{AssemblyService.Day(meeting):yyyy-MM-dd}.pdf",
                    "application/pdf", pdf.Length, written, actor.UserId, now, FileUse.BuildingDocument, audience: DocumentAudience.Owners, kind: DocumentKind.Minutes);
                db.Files.Add(file);
                meeting.SendMinutes(file.Id, now);
                var state = await MeetingState.LoadAsync(db, meeting, ct);
                var ids = state.Roll.Voices.Select(v => v.OwnerId).ToList();
                var owners = await db.Owners.AsNoTracking().Where(o => ids.Contains(o.Id)).ToListAsync(ct);
                var day = AssemblyService.Day(meeting);
                // by e-mail, the PDF attached, to those who accepted the assembly's papers by e-mail; everyone sees it in the app
                foreach (var owner in owners.Where(o => o.Email is not null && o.ConsentsToEmailConvocation))
                {
                    var c = Texts.Culture(owner.PreferredLanguage);
                    db.OutboxEmails.Add(OutboxEmail.Queue(new MailTo(owner.Email!, owner.DisplayName, owner.UserId, owner.Id),
                        Texts.Get("mail.minutes.subject", c, building.Name, day.ToString("d", c)),
                        Texts.Get("mail.minutes.body", c, owner.DisplayName, building.Name, day.ToString("D", c), organisation.Name), building.OrganisationId, now, file.Id));
                }
                await notifications.NotifyOwnersAsync(db, ids, meeting.OrganisationId, NotificationType.DocumentAdded, "notify.minutes_sent",
                    [building.Name, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)], $"/assemblies/{meeting.Id}", ct);
                db.Audit(actor, clock, "meeting.minutes_sent", nameof(Meeting), meeting.Id, meeting.OrganisationId, meeting.BuildingId, owners.Count.ToString(CultureInfo.InvariantCulture));
                return Result.Ok();
            }, ct);
        }
        catch
        {
            if (written is not null)
                await store.DeleteAsync(written, CancellationToken.None);
            throw;
        }
    }

    public async Task<Result<IReadOnlyList<DecisionRow>>> DecisionsAsync(Actor actor, Guid buildingId, string? search, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var building = await db.ReadableBuildings(actor, clock.Today()).AsNoTracking().FirstOrDefaultAsync(b => b.Id == buildingId, ct);
        if (building is null || !await db.IsStaffOrOwnerAsync(actor, building, clock.Today(), ct))
            return Errors.NotFoundError;
        var pattern = Text.Clean(search) is { } words ? SearchText.Pattern(words) : null;
        var rows = await db.AgendaItems.AsNoTracking()
            .Where(i => i.Status == ItemStatus.Closed && i.Kind == ItemKind.Resolution && (pattern == null || EF.Functions.Like(i.Title.ToLower(), pattern)))
            .Join(db.Meetings.Where(m => m.BuildingId == buildingId && Done.Contains(m.Status)), i => i.MeetingId, m => m.Id, (i, m) => new { i, m })
            .OrderByDescending(x => x.m.StartsAt).ThenBy(x => x.i.Position).Take(500)
            .Select(x => new { x.m.Id, x.m.StartsAt, x.m.Kind, x.i.Position, x.i.Title, x.i.Majority, x.i.Adopted, x.i.VotesFor, x.i.VotesAgainst, x.i.VotesAbstained })
            .ToListAsync(ct);
        var decided = new[] { WrittenStatus.Adopted, WrittenStatus.Rejected };
        var answers = db.WrittenAnswers;
        var written = await db.WrittenProcedures.AsNoTracking()
            .Where(p => p.BuildingId == buildingId && decided.Contains(p.Status) && (pattern == null || EF.Functions.Like(p.Title.ToLower(), pattern)))
            .OrderByDescending(p => p.DecidedAt).Take(500)
            .Select(p => new
            {
                p.Id,
                p.DecidedAt,
                p.Title,
                p.Status,
                For = answers.Where(a => a.ProcedureId == p.Id && a.Agrees == true).Sum(a => a.Shares),
                Against = answers.Where(a => a.ProcedureId == p.Id && a.Agrees == false).Sum(a => a.Shares),
            })
            .ToListAsync(ct);
        // the written decisions (Art. 3.87 §11) among the meetings', newest first: a written decision is unanimous
        return rows.Select(r => new DecisionRow(r.Id, DateOnly.FromDateTime(BusinessTime.LocalDateTime(r.StartsAt)), r.Kind, r.Position, r.Title, r.Majority,
                r.Adopted ?? false, r.VotesFor ?? 0, r.VotesAgainst ?? 0, r.VotesAbstained ?? 0))
            .Concat(written.Select(w => new DecisionRow(w.Id, BusinessTime.LocalDate(w.DecidedAt!.Value), MeetingKind.Extraordinary, 0, w.Title, Majority.Unanimity,
                w.Status == WrittenStatus.Adopted, w.For, w.Against, 0, Written: true)))
            .OrderByDescending(d => d.Day).ThenBy(d => d.Position).ToList();
    }

    /// <summary>The signatures in the order the page lists them: the chair, the secretary, then the owners as they signed.</summary>
    internal static async Task<List<MinutesSignature>> SignaturesAsync(IKoproGoDb db, Guid meetingId, CancellationToken ct) =>
        (await db.MinutesSignatures.AsNoTracking().Where(s => s.MeetingId == meetingId).ToListAsync(ct)).OrderBy(s => s.Role).ThenBy(s => s.SignedAt).ToList();

    /// <summary>The fixed minutes followed by the page of signatures, naming the SHA-256 of the pages they signed.</summary>
    internal static async Task<byte[]> SignedPdfAsync(IKoproGoDb db, IFileStore store, Organisation organisation, Building building, Meeting meeting,
        IReadOnlyList<MinutesSignature> signatures, DateTimeOffset now, CancellationToken ct)
    {
        var original = await db.Files.AsNoTracking().FirstAsync(f => f.Id == meeting.MinutesFileId, ct);
        using var body = new MemoryStream();
        await using (var stream = await store.OpenReadAsync(original.StorageKey, ct))
            await stream.CopyToAsync(body, ct);
        return signatures.Count == 0 ? body.ToArray()
            : PdfPages.Concat(body.ToArray(), AssemblyDocuments.Signatures(organisation, building, meeting, signatures, now));
    }

    /// <summary>The minutes may leave once the secretary and the president (when the meeting had one) signed.</summary>
    private static bool BureauSigned(Meeting meeting, IReadOnlyList<MinutesSignature> signatures) =>
        (meeting.PresidentOwnerId is null || signatures.Any(s => s.Role == SignatoryRole.President)) && signatures.Any(s => s.Role == SignatoryRole.Secretary);

    /// <summary>The voices present (in person or remote) when the meeting closed, or now while it sits.</summary>
    private static HashSet<Guid> PresentAtClose(MeetingState state) =>
        state.Attendances.Where(a => state.Meeting.ClosedAt is { } closed ? a.IsPresentAt(closed) : a.LeftAt is null)
            .Select(a => a.OwnerId).Where(o => state.Roll.Of(o) is not null).ToHashSet();

    /// <summary>Who is to sign: the president, the secretary (an owner, or the syndic: no owner), each other owner present at the close.</summary>
    private static List<(SignatoryRole Role, Guid? OwnerId)> Signatories(MeetingState state)
    {
        var meeting = state.Meeting;
        var list = new List<(SignatoryRole, Guid?)>();
        if (meeting.PresidentOwnerId is { } president)
            list.Add((SignatoryRole.President, president));
        list.Add((SignatoryRole.Secretary, meeting.SecretaryOwnerId));
        list.AddRange(PresentAtClose(state).Where(o => o != meeting.PresidentOwnerId && o != meeting.SecretaryOwnerId).Order().Select(o => (SignatoryRole.Owner, (Guid?)o)));
        return list;
    }

    /// <summary>The place the actor signs in, if one is theirs and still free: president, then secretary, then owner present.</summary>
    private static (SignatoryRole Role, Guid? OwnerId)? RoleOf(Actor actor, Building building,
        IReadOnlyList<(SignatoryRole Role, Guid? OwnerId)> signers, IReadOnlyList<MinutesSignature> signatures)
    {
        var mine = actor.OwnerIds.ToHashSet();
        foreach (var (role, owner) in signers)
        {
            var isMine = owner is { } o ? mine.Contains(o) : role == SignatoryRole.Secretary && actor.CanManage(building.OrganisationId, building.Id);
            var free = !signatures.Any(s => s.Role == role && (role != SignatoryRole.Owner || s.OwnerId == owner));
            if (isMine && free)
                return (role, owner);
        }
        return null;
    }

    /// <summary>A change by the building's syndic under the meeting's lock, its signal, one commit.</summary>
    private async Task<Result> ManagedAsync(Actor actor, Guid meetingId, Func<IKoproGoDb, Meeting, Task<Result>> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var found = await assemblies.LockedAsync(db, actor, meetingId, ct);
        if (!found.Succeeded)
            return Result.Fail(found.Errors);
        var result = await change(db, found.Value);
        if (!result.Succeeded)
            return result;
        await db.SaveChangesAsync(ct);
        await MeetingFeed.SignalAsync(db, meetingId, ct);
        await tx.CommitAsync(ct);
        return Result.Ok();
    }
}
