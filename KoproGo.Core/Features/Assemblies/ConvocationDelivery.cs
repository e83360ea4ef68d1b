using KoproGo.Core.Features.Documents;

namespace KoproGo.Core.Features.Assemblies;

/// <summary>
/// Sending the convocation (Art. 3.87 §3), inside the transaction that convenes: one PDF per voice in the owner's
/// language, kept in the file store as their letter; by e-mail (attached, through the outbox) to an owner who consented
/// in writing, else marked for a registered letter whose tracking number the syndic enters.
/// </summary>
public sealed class ConvocationDelivery(IFileStore store, TimeProvider clock)
{
    /// <summary>The file-store keys written, for the caller to delete if the transaction does not commit.</summary>
    public async Task<IReadOnlyList<string>> SendAsync(IKoproGoDb db, Actor actor, Meeting meeting, CancellationToken ct)
    {
        var building = await db.Buildings.AsNoTracking().FirstAsync(b => b.Id == meeting.BuildingId, ct);
        var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == building.OrganisationId, ct);
        var state = await MeetingState.LoadAsync(db, meeting, ct);
        var ids = state.Roll.Voices.Select(v => v.OwnerId).ToList();
        var owners = await db.Owners.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var now = clock.GetUtcNow();
        var keys = new List<string>();
        foreach (var voice in state.Roll.Voices)
        {
            var owner = owners[voice.OwnerId];
            var pdf = AssemblyDocuments.Convocation(organisation, building, meeting, state.Items, owner, voice, now);
            string key;
            using (var stream = new MemoryStream(pdf))
                key = await store.SaveAsync(stream, ct);
            keys.Add(key);
            var file = StoredFile.Create(building.OrganisationId, building.Id, $"{building.Slug}-ag-{AssemblyService.Day(meeting):yyyy-MM-dd}-{string.Join('-', voice.Lots)}.pdf",
                "application/pdf", pdf.Length, key, actor.UserId, now, FileUse.OwnerLetter, owner.Id);
            db.Files.Add(file);
            var byEmail = owner.Email is not null && owner.ConsentsToEmailConvocation;
            db.Convocations.Add(Convocation.Create(meeting.Id, owner.Id, file.Id, byEmail ? ConvocationChannel.Email : ConvocationChannel.RegisteredLetter, now));
            if (byEmail)
            {
                var c = Texts.Culture(owner.PreferredLanguage);
                var when = BusinessTime.LocalDateTime(meeting.StartsAt);
                var subject = Texts.Get("mail.assembly.subject", c, building.Name, when.ToString("d", c));
                var body = Texts.Get("mail.assembly.body", c, owner.DisplayName, Texts.Get("enum.MeetingKind." + meeting.Kind, c), building.Name,
                    when.ToString("D", c), when.ToString("t", c), meeting.Place, organisation.Name);
                db.OutboxEmails.Add(OutboxEmail.Queue(new MailTo(owner.Email!, owner.DisplayName, owner.UserId, owner.Id), subject, body, building.OrganisationId, now, file.Id));
            }
        }
        return keys;
    }
}
