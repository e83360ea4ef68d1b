using KoproGo.Core.Features.Documents;

namespace KoproGo.Core.Features.Assemblies;

public interface IAssemblyDocumentService
{
    /// <summary>An owner's convocation with the proxy form, once the meeting is convened: for the building's staff, or the owner themselves.</summary>
    Task<Result<PdfFile>> ConvocationPdfAsync(Actor actor, Guid meetingId, Guid ownerId, CancellationToken ct);
    /// <summary>
    /// The minutes of a closed meeting, for its staff and its owners: once drawn up, the fixed PDF with its page of
    /// signatures (or, <paramref name="original"/>, the fixed PDF alone, whose SHA-256 the signatures name); before, a draft.
    /// </summary>
    Task<Result<PdfFile>> MinutesPdfAsync(Actor actor, Guid meetingId, CancellationToken ct, bool original = false);
}

public sealed class AssemblyDocumentService(IKoproGoDbFactory dbFactory, AssemblyService assemblies, IFileStore store, TimeProvider clock) : IAssemblyDocumentService
{
    public async Task<Result<PdfFile>> ConvocationPdfAsync(Actor actor, Guid meetingId, Guid ownerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        if (await assemblies.ReadableAsync(db, actor, meetingId, ct) is not var (meeting, building, staff))
            return Errors.NotFoundError;
        if (!staff && !actor.OwnerIds.Contains(ownerId))
            return Errors.ForbiddenError;
        var state = await MeetingState.LoadAsync(db, meeting, ct);
        if (state.Roll.Of(ownerId) is not { } voice)
            return new Error("error.meeting_not_owner");
        var owner = await db.Owners.AsNoTracking().FirstAsync(o => o.Id == ownerId, ct);
        var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == building.OrganisationId, ct);
        var pdf = AssemblyDocuments.Convocation(organisation, building, meeting, state.Items, owner, voice, clock.GetUtcNow());
        return new PdfFile($"convocation-{AssemblyService.Day(meeting):yyyy-MM-dd}-{voice.Lots.FirstOrDefault() ?? "lot"}.pdf", pdf);
    }

    public async Task<Result<PdfFile>> MinutesPdfAsync(Actor actor, Guid meetingId, CancellationToken ct, bool original = false)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        if (await assemblies.ReadableAsync(db, actor, meetingId, ct) is not var (meeting, building, _))
            return Errors.NotFoundError;
        if (meeting.Status is not (MeetingStatus.Closed or MeetingStatus.MinutesSent))
            return Error.Of("error.meeting_status", meeting.Status.ToString());
        var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == building.OrganisationId, ct);
        var name = $"pv-ag-{AssemblyService.Day(meeting):yyyy-MM-dd}";
        if (meeting.MinutesFileId is null)
            return new PdfFile(name + "-projet.pdf", AssemblyDocuments.Minutes(organisation, building, await MeetingState.LoadAsync(db, meeting, ct), clock.GetUtcNow()));
        var signatures = original ? []
            : await MinutesService.SignaturesAsync(db, meetingId, ct);
        return new PdfFile(original ? name + "-original.pdf" : name + ".pdf",
            await MinutesService.SignedPdfAsync(db, store, organisation, building, meeting, signatures, clock.GetUtcNow(), ct));
    }
}
