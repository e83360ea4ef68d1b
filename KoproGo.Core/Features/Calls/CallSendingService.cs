using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Documents;

namespace KoproGo.Core.Features.Calls;

public interface ICallSendingService
{
    /// <summary>
    /// Sends a draft: one structured communication per owner line, the VEN entry (4100/4101 owners, 700/701/702), one PDF
    /// per owner in their language with the EPC QR code, an email with the PDF (or "by post"), and a notification.
    /// </summary>
    Task<Result> SendAsync(Actor actor, Guid callId, CancellationToken ct) => SendAsync(actor, callId, null, ct);
    /// <summary>The same, telling <paramref name="progress"/> (letters done, total) as the letters are made.</summary>
    Task<Result> SendAsync(Actor actor, Guid callId, Func<int, int, Task>? progress, CancellationToken ct);
    /// <summary>Hands a draft to the background sender (for hundreds of owners); the list shows its progress.</summary>
    Task<Result> QueueSendAsync(Actor actor, Guid callId, CancellationToken ct);
    /// <summary>
    /// What the Send button does: a call to at most <see cref="CallOptions.InlineSendMaxOwners"/> owners is sent at once
    /// (a few seconds), a bigger one goes to the background sender. True when it was queued.
    /// </summary>
    Task<Result<bool>> SendOrQueueAsync(Actor actor, Guid callId, CancellationToken ct);
}

/// <summary>Sending a call for funds: the letters, the entry, the owners' lines, at once or by the background sender.</summary>
public sealed class CallSendingService(IKoproGoDbFactory dbFactory, JournalPoster poster, IFileStore store, INotificationService notifications, ICallSendQueue queue,
    CallOptions options, TimeProvider clock) : ICallSendingService
{
    public async Task<Result<bool>> SendOrQueueAsync(Actor actor, Guid callId, CancellationToken ct)
    {
        int owners;
        await using (var db = await dbFactory.CreateAsync(ct))
        {
            var call = await db.CallsForFunds.AsNoTracking().FirstOrDefaultAsync(c => c.Id == callId, ct);
            if (call is null)
                return Errors.NotFoundError;
            owners = await db.CurrentOwnerIds(call.BuildingId, call.CallDate).CountAsync(ct);
        }
        var result = owners > options.InlineSendMaxOwners ? await QueueSendAsync(actor, callId, ct) : await SendAsync(actor, callId, null, ct);
        return result.Succeeded ? owners > options.InlineSendMaxOwners : Result<bool>.Fail(result.Errors);
    }

    public async Task<Result> QueueSendAsync(Actor actor, Guid callId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var found = await db.CallsForFunds.AsNoTracking().Where(c => c.Id == callId).FindInBuildingAsync(db, actor, c => c.BuildingId, BuildingRight.Books, clock.Today(), ct);
        if (!found.Succeeded)
            return Result.Fail(found.Errors);
        var (call, building) = found.Value;
        if (call.Status != CallStatus.Draft)
            return Error.Of("error.call_status", call.Status.ToString());
        if (building.WorkingFundIban is null)
            return new Error("error.call_no_iban");
        var sending = await db.CallSendings.FirstOrDefaultAsync(s => s.CallId == callId, ct);
        if (sending is { Running: true })
            return new Error("error.call_sending");
        if (sending is null)
            db.CallSendings.Add(CallSending.Queue(callId, actor.UserId, clock.GetUtcNow()));
        else
            sending.Requeue(actor.UserId, clock.GetUtcNow());
        db.Audit(actor, clock, "call.send_queued", nameof(CallForFunds), call.Id, call.OrganisationId, call.BuildingId, call.Title);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation() || e is DbUpdateConcurrencyException)
        {
            return new Error("error.call_sending");      // a second click or tab queued it first
        }
        queue.Enqueue(callId, actor.UserId);
        return Result.Ok();
    }

    public async Task<Result> SendAsync(Actor actor, Guid callId, Func<int, int, Task>? progress, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var buildingId = await db.CallsForFunds.Where(c => c.Id == callId).Select(c => (Guid?)c.BuildingId).FirstOrDefaultAsync(ct);
        if (buildingId is null)
            return Errors.NotFoundError;
        var found = await db.BooksBuildingAsync(actor, buildingId.Value, clock.Today(), ct);
        if (!found.Succeeded)
            return Result.Fail(found.Errors);
        var building = found.Value;
        if (building.WorkingFundIban is null)
            return new Error("error.call_no_iban");
        // the reserve fund has its own account (Civil Code Art. 3.86 §3): its part cannot be paid anywhere else
        if (building.ReserveFundIban is null && await db.CallsForFunds.AnyAsync(c => c.Id == callId && c.Reserve > 0, ct))
            return new Error("error.call_no_reserve_iban");
        await db.LockAsync<CallForFunds>(callId, ct);
        var call = await db.CallsForFunds.Include(c => c.Lines).FirstAsync(c => c.Id == callId, ct);
        if (call.Status != CallStatus.Draft)
            return Error.Of("error.call_status", call.Status.ToString());
        var shares = await CallService.AllocateAsync(db, building, call.CallDate, call.Ordinary, call.Extraordinary, call.Reserve, ct);
        if (!shares.Succeeded)
            return Result.Fail(shares.Errors);

        var accounts = await db.Accounts.Where(a => a.OrganisationId == building.OrganisationId).ToDictionaryAsync(a => a.Code, a => a.Id, ct);
        var entryLines = new List<LineDraft>();
        foreach (var s in shares.Value)
        {
            if (s.Ordinary + s.Extraordinary > 0)
                entryLines.Add(new LineDraft { AccountId = accounts[StandardChart.OwnersWorking], OwnerId = s.OwnerId, Debit = s.Ordinary + s.Extraordinary });
            if (s.Reserve > 0)
                entryLines.Add(new LineDraft
                {
                    AccountId = accounts[StandardChart.OwnersReserve],
                    OwnerId = s.OwnerId,
                    Debit = s.Reserve,
                    Label = $"{call.Title} — {Texts.Get("pdf.call.reserve", building.Language)}"
                });
        }
        if (call.Ordinary > 0) entryLines.Add(new LineDraft { AccountId = accounts[StandardChart.CallsWorking], Credit = call.Ordinary });
        if (call.Extraordinary > 0) entryLines.Add(new LineDraft { AccountId = accounts[StandardChart.CallsExtraordinary], Credit = call.Extraordinary });
        if (call.Reserve > 0) entryLines.Add(new LineDraft { AccountId = accounts[StandardChart.CallsReserve], Credit = call.Reserve });
        var posted = await poster.PostAsync(db, actor, building.OrganisationId, new EntryDraft
        {
            BuildingId = building.Id,
            Date = call.CallDate,
            Journal = Journal.VEN,
            Kind = EntryKind.CallForFunds,
            Description = call.Title,
            Lines = entryLines,
        }, ct);
        if (!posted.Succeeded)
            return Result.Fail(posted.Errors);

        // one round trip for all the lines' numbers (a second one for each reserve part), not one per owner
        var count = shares.Value.Count + shares.Value.Count(x => x.Reserve > 0);
        var numbers = new Queue<long>(await db.Database.SqlQuery<long>($"SELECT nextval('structured_communication_seq') AS \"Value\" FROM generate_series(1, {count})").ToListAsync(ct));
        var lines = shares.Value.Select(x => CallLine.Create(call.Id, x.OwnerId, x.Ordinary, x.Extraordinary, x.Reserve, StructuredCommunication.FromNumber(numbers.Dequeue()), x.Lots,
            x.Reserve > 0 ? StructuredCommunication.FromNumber(numbers.Dequeue()) : null)).ToList();
        var now = clock.GetUtcNow();
        db.CallLines.AddRange(lines);     // new rows with client-made keys: added explicitly, not found through the navigation
        call.MarkSent(posted.Value.Id, lines, now);
        db.Audit(actor, clock, "call.sent", nameof(CallForFunds), call.Id, building.OrganisationId, building.Id, $"{call.Title} {call.Total:0.00} → {lines.Count}");

        // one letter per owner, in their language, kept as the owner's file and mailed or marked for the post
        var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == building.OrganisationId, ct);
        var ownerIds = lines.Select(l => l.OwnerId).ToList();
        var owners = await db.Owners.AsNoTracking().Where(o => ownerIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var savedKeys = new List<string>();
        try
        {
            if (progress is not null)
                await progress(0, lines.Count);
            foreach (var (line, index) in lines.Select((l, i) => (l, i)))
            {
                var owner = owners[line.OwnerId];
                var pdf = CallLetter.Render(organisation, building, call, line, owner, now);
                string key;
                using (var stream = new MemoryStream(pdf))
                    key = await store.SaveAsync(stream, ct);
                savedKeys.Add(key);
                var file = StoredFile.Create(building.OrganisationId, building.Id, $"{building.Slug}-{call.CallDate:yyyy-MM-dd}-{line.StructuredCommunication.Trim('+').Replace('/', '-')}.pdf",
                    "application/pdf", pdf.Length, key, actor.UserId, now, FileUse.OwnerLetter, owner.Id);
                db.Files.Add(file);
                var byEmail = owner.Email is not null && owner.ConsentsToEmailConvocation;
                line.Attach(file.Id, byPost: !byEmail);
                if (byEmail)
                {
                    var c = CultureInfo.GetCultureInfo(owner.PreferredLanguage);
                    var subject = Texts.Get("mail.call.subject", c, call.Title, building.Name);
                    var body = Texts.Get("mail.call.body", c, owner.DisplayName, call.Title, building.Name, line.Total.ToString("N2", c), call.DueDate.ToString("d", c),
                        PaymentInstructions.AsText(PaymentInstructions.For(building, line, openOnly: false), c), organisation.Name);
                    db.OutboxEmails.Add(OutboxEmail.Queue(new MailTo(owner.Email!, owner.DisplayName, owner.UserId, owner.Id), subject, body, building.OrganisationId, now, file.Id));
                }
                if (progress is not null)
                    await progress(index + 1, lines.Count);
            }
            await notifications.NotifyOwnersAsync(db, ownerIds, building.OrganisationId, NotificationType.CallForFunds, "notify.call_sent", [call.Title, building.Name], "/my-account", ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch
        {
            foreach (var key in savedKeys)
                await store.DeleteAsync(key, CancellationToken.None);    // no orphan PDFs when the call is not sent
            throw;
        }
        return Result.Ok();
    }
}
