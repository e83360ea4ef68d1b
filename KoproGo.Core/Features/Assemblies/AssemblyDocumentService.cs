using KoproGo.Core.Features.Documents;

namespace KoproGo.Core.Features.Assemblies;

public interface IAssemblyDocumentService
{
    /// <summary>An owner's convocation with the proxy form, once the meeting is convened: for the building's staff, or the owner themselves.</summary>
    Task<Result<PdfFile>> ConvocationPdfAsync(Actor actor, Guid meetingId, Guid ownerId, CancellationToken ct);
    /// <summary>The minutes of a closed meeting: for its staff and its owners.</summary>
    Task<Result<PdfFile>> MinutesPdfAsync(Actor actor, Guid meetingId, CancellationToken ct);
}

public sealed class AssemblyDocumentService(IKoproGoDbFactory dbFactory, AssemblyService assemblies, TimeProvider clock) : IAssemblyDocumentService
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

    public async Task<Result<PdfFile>> MinutesPdfAsync(Actor actor, Guid meetingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        if (await assemblies.ReadableAsync(db, actor, meetingId, ct) is not var (meeting, building, _))
            return Errors.NotFoundError;
        if (meeting.Status != MeetingStatus.Closed)
            return Error.Of("error.meeting_status", meeting.Status.ToString());
        var state = await MeetingState.LoadAsync(db, meeting, ct);
        var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == building.OrganisationId, ct);
        return new PdfFile($"pv-ag-{AssemblyService.Day(meeting):yyyy-MM-dd}.pdf", AssemblyDocuments.Minutes(organisation, building, state, clock.GetUtcNow()));
    }
}
