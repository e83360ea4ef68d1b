using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Documents;

namespace KoproGo.Core.Features.Calls;

public sealed record CallRow(Guid Id, string Title, CallPeriod Period, DateOnly CallDate, DateOnly DueDate, decimal Total, decimal Paid, CallState State, SendingState? Sending = null);

public sealed record PreviewLine(Guid OwnerId, string OwnerName, string Lots, decimal Ordinary, decimal Extraordinary, decimal Reserve, decimal Total);

public sealed record CallLineRow(Guid Id, Guid OwnerId, string OwnerName, string Lots, decimal Ordinary, decimal Extraordinary, decimal Reserve, decimal Total,
    decimal Paid, string StructuredCommunication, LineState State, Guid? PdfFileId, bool ByPost)
{
    /// <summary>The reserve part's own communication (paid to the reserve account), if the line has one.</summary>
    public string? ReserveCommunication { get; init; }
    public decimal PaidReserve { get; init; }
}

public sealed record CallDetail(CallRow Call, IReadOnlyList<CallLineRow> Lines);

/// <summary>An owner's line as the owner portal shows it, with what their banking app scans.</summary>
public sealed record MyCallLine(Guid LineId, string BuildingName, string Title, DateOnly DueDate, decimal Total, decimal Paid, LineState State,
    IReadOnlyList<MyPaymentPart> ToPay, Guid? PdfFileId);

/// <summary>One transfer still to make for a call line (working or reserve fund), with the QR code a banking app scans.</summary>
public sealed record MyPaymentPart(Fund Fund, decimal Amount, string Iban, string Holder, string Communication, string QrPngDataUri);

/// <summary>What an owner owes (positive) or has in credit (negative) in one building, from the owner accounts 410x.</summary>
public sealed record MyBalance(Guid BuildingId, string BuildingName, decimal Balance);

public interface ICallService
{
    Task<Result<IReadOnlyList<CallRow>>> ListAsync(Actor actor, Guid buildingId, CancellationToken ct);
    /// <summary>The owners' amounts the call would ask, before anything is saved or sent.</summary>
    Task<Result<IReadOnlyList<PreviewLine>>> PreviewAsync(Actor actor, Guid buildingId, CallInput input, CancellationToken ct);
    Task<Result<Guid>> SaveDraftAsync(Actor actor, Guid buildingId, Guid? callId, CallInput input, CancellationToken ct);
    Task<Result> CancelAsync(Actor actor, Guid callId, CancellationToken ct);
    Task<Result<CallDetail>> GetAsync(Actor actor, Guid callId, CancellationToken ct);
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
    /// <summary>A payment received (by hand): posts FIN 551 / 4100 and pays the owner's open lines, oldest due first; the rest is a credit.</summary>
    Task<Result<Guid>> RecordPaymentAsync(Actor actor, Guid buildingId, PaymentInput input, CancellationToken ct);
    Task<IReadOnlyList<MyCallLine>> MyCallsAsync(Actor actor, CancellationToken ct);
    Task<IReadOnlyList<MyBalance>> MyBalancesAsync(Actor actor, CancellationToken ct);
}

public sealed class CallOptions
{
    /// <summary>Up to this many owners a call is sent while the syndic waits; above, by a Hangfire job with progress.</summary>
    public int InlineSendMaxOwners { get; set; } = 100;
}

public sealed class CallService(IKoproGoDbFactory dbFactory, JournalPoster poster, PaymentPosting payments, IFileStore store, INotificationService notifications, ICallSendQueue queue,
    CallOptions options, TimeProvider clock) : ICallService
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

    public Task<Result<IReadOnlyList<CallRow>>> ListAsync(Actor actor, Guid buildingId, CancellationToken ct) =>
        dbFactory.InBuildingAsync<IReadOnlyList<CallRow>>(actor, buildingId, BuildingRight.Staff, clock.Today(), async (db, _) =>
        {
            var calls = await db.CallsForFunds.AsNoTracking().Include(c => c.Lines).Where(c => c.BuildingId == buildingId)
                .OrderByDescending(c => c.CallDate).ThenByDescending(c => c.CreatedAt).ToListAsync(ct);
            var today = clock.Today();
            var ids = calls.Select(c => c.Id).ToList();
            var sendings = await db.CallSendings.AsNoTracking().Where(s => ids.Contains(s.CallId)).ToDictionaryAsync(s => s.CallId, ct);
            return calls.Select(c => Row(c, today, sendings.GetValueOrDefault(c.Id))).ToList();
        }, ct);

    private static CallRow Row(CallForFunds c, DateOnly today, CallSending? sending = null) =>
        new(c.Id, c.Title, c.Period, c.CallDate, c.DueDate, c.Total, c.Lines.Sum(l => l.Paid), c.StateOn(today),
            sending is null ? null : new SendingState(sending.Done, sending.Total, sending.Running, sending.Error));

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

    public Task<Result<IReadOnlyList<PreviewLine>>> PreviewAsync(Actor actor, Guid buildingId, CallInput input, CancellationToken ct) =>
        dbFactory.InBuildingAsync<IReadOnlyList<PreviewLine>>(actor, buildingId, BuildingRight.Staff, clock.Today(), input.Validate(), async (db, building) =>
        {
            var shares = await AllocateAsync(db, building, input.CallDate!.Value, input.Ordinary, input.Extraordinary, input.Reserve, ct);
            if (!shares.Succeeded)
                return Result<IReadOnlyList<PreviewLine>>.Fail(shares.Errors);
            var ids = shares.Value.Select(s => s.OwnerId).ToList();
            var names = await db.Owners.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
            return shares.Value.Select(s => new PreviewLine(s.OwnerId, names[s.OwnerId].DisplayName, s.Lots, s.Ordinary, s.Extraordinary, s.Reserve, s.Total)).ToList();
        }, ct);

    /// <summary>The owners' shares on a date; refused when the lots' shares do not add up to the building's total.</summary>
    private static async Task<Result<IReadOnlyList<OwnerCallShare>>> AllocateAsync(IKoproGoDb db, Building building, DateOnly on, decimal ordinary, decimal extraordinary, decimal reserve, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().Where(u => u.BuildingId == building.Id).OrderBy(u => u.Number).ToListAsync(ct);
        var allocated = units.Sum(u => u.Shares);
        if (allocated != building.TotalShares)
            return Error.Of("error.call_shares_gap", allocated, building.TotalShares, building.TotalShares - allocated);
        var unitIds = units.Select(u => u.Id).ToList();
        var rights = await db.Ownerships.AsNoTracking().Where(o => unitIds.Contains(o.UnitId) && o.StartDate <= on && (o.EndDate == null || o.EndDate > on)).ToListAsync(ct);
        var lots = units.Select(u => new LotHolding(u.Id, u.Number, u.Shares,
            rights.Where(r => r.UnitId == u.Id).Select(r => (r.OwnerId, r.Kind, r.Percentage)).ToList())).ToList();
        var shares = CallAllocation.Compute(lots, building.TotalShares, ordinary, extraordinary, reserve);
        if (shares is null)
            return Error.Of("error.invoice_unit_without_owner", string.Join(", ", lots.Where(l => l.Shares > 0 && l.Rights.Count == 0).Select(l => l.Number)));
        return Result<IReadOnlyList<OwnerCallShare>>.Ok(shares);
    }

    public Task<Result<Guid>> SaveDraftAsync(Actor actor, Guid buildingId, Guid? callId, CallInput input, CancellationToken ct) =>
        dbFactory.InBuildingAsync<Guid>(actor, buildingId, BuildingRight.Books, clock.Today(), input.Validate(), async (db, building) =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            CallForFunds call;
            if (callId is { } id)
            {
                // the lock the sending takes: an edit never lands on a call that is being sent
                await db.LockAsync<CallForFunds>(id, ct);
                var existing = await db.CallsForFunds.FirstOrDefaultAsync(c => c.Id == id && c.BuildingId == buildingId, ct);
                if (existing is null)
                    return Errors.NotFoundError;
                if (existing.Status != CallStatus.Draft)
                    return Error.Of("error.call_status", existing.Status.ToString());
                existing.Update(input);
                call = existing;
            }
            else
            {
                call = CallForFunds.Create(building.OrganisationId, buildingId, input, clock.GetUtcNow());
                db.CallsForFunds.Add(call);
            }
            db.Audit(actor, clock, callId is null ? "call.created" : "call.updated", nameof(CallForFunds), call.Id, building.OrganisationId, buildingId, $"{call.Title} {call.Total:0.00}");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return call.Id;
        }, ct);

    public async Task<Result> CancelAsync(Actor actor, Guid callId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var found = await db.CallsForFunds.Where(c => c.Id == callId).FindInBuildingAsync(db, actor, c => c.BuildingId, BuildingRight.Books, clock.Today(), ct);
        if (!found.Succeeded)
            return Result.Fail(found.Errors);
        var (call, _) = found.Value;
        if (call.Status != CallStatus.Draft)
            return Error.Of("error.call_status", call.Status.ToString());
        call.Cancel();
        db.Audit(actor, clock, "call.cancelled", nameof(CallForFunds), call.Id, call.OrganisationId, call.BuildingId, call.Title);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result<CallDetail>> GetAsync(Actor actor, Guid callId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var found = await db.CallsForFunds.AsNoTracking().Include(c => c.Lines).Where(c => c.Id == callId).FindInBuildingAsync(db, actor, c => c.BuildingId, BuildingRight.Staff, clock.Today(), ct);
        if (!found.Succeeded)
            return Result<CallDetail>.Fail(found.Errors);
        var (call, _) = found.Value;
        var ids = call.Lines.Select(l => l.OwnerId).ToList();
        var names = await db.Owners.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.DisplayName, ct);
        var today = clock.Today();
        return new CallDetail(Row(call, today), call.Lines.OrderBy(l => l.Lots, StringComparer.Ordinal).Select(l => new CallLineRow(l.Id, l.OwnerId, names[l.OwnerId], l.Lots,
            l.Ordinary, l.Extraordinary, l.Reserve, l.Total, l.Paid, l.StructuredCommunication, l.StateOn(today, call.DueDate), l.PdfFileId, l.ByPost)
        { ReserveCommunication = l.ReserveCommunication, PaidReserve = l.PaidReserve }).ToList());
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
        var shares = await AllocateAsync(db, building, call.CallDate, call.Ordinary, call.Extraordinary, call.Reserve, ct);
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

    public async Task<Result<Guid>> RecordPaymentAsync(Actor actor, Guid buildingId, PaymentInput input, CancellationToken ct)
    {
        var validation = input.Validate();
        if (!validation.IsValid)
            return Result<Guid>.Fail(validation.Errors);
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var found = await db.BooksBuildingAsync(actor, buildingId, clock.Today(), ct);
        if (!found.Succeeded)
            return Result<Guid>.Fail(found.Errors);
        var building = found.Value;
        var owner = await db.Owners.AsNoTracking().FirstOrDefaultAsync(o => o.Id == input.OwnerId && o.OrganisationId == building.OrganisationId, ct);
        if (owner is null)
            return new Error(Errors.NotFound, [], nameof(PaymentInput.OwnerId));
        var payment = await payments.RecordAsync(db, actor, building, owner, input.Date!.Value, input.Amount, input.Method, input.Reference, input.Account, null, ct);
        if (!payment.Succeeded)
            return Result<Guid>.Fail(payment.Errors);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return payment.Value.Id;
    }

    public async Task<IReadOnlyList<MyCallLine>> MyCallsAsync(Actor actor, CancellationToken ct)
    {
        var ownerIds = actor.OwnerIds.ToList();
        if (ownerIds.Count == 0)
            return [];
        await using var db = await dbFactory.CreateAsync(ct);
        var rows = await (from l in db.CallLines.AsNoTracking()
                          join c in db.CallsForFunds on l.CallId equals c.Id
                          join b in db.Buildings on c.BuildingId equals b.Id
                          where ownerIds.Contains(l.OwnerId) && c.Status == CallStatus.Sent
                          orderby c.DueDate descending
                          select new { Line = l, c.Title, c.DueDate, Building = b }).ToListAsync(ct);
        var today = clock.Today();
        return rows.Select(r => new MyCallLine(r.Line.Id, r.Building.Name, r.Title, r.DueDate, r.Line.Total, r.Line.Paid, r.Line.StateOn(today, r.DueDate),
            PaymentInstructions.For(r.Building, r.Line, openOnly: true)
                .Select(p => new MyPaymentPart(p.Fund, p.Amount, BelgianIdentifiers.FormatIban(p.Iban), p.Holder, p.Communication,
                    "data:image/png;base64," + Convert.ToBase64String(EpcQr.Png(p.QrPayload)))).ToList(),
            r.Line.PdfFileId)).ToList();
    }

    public async Task<IReadOnlyList<MyBalance>> MyBalancesAsync(Actor actor, CancellationToken ct)
    {
        var ownerIds = actor.OwnerIds.ToList();
        if (ownerIds.Count == 0)
            return [];
        await using var db = await dbFactory.CreateAsync(ct);
        // the open years only: a closed year's balances are carried into the next year's opening entry
        var rows = await (from l in db.JournalLines
                          join a in db.Accounts on l.AccountId equals a.Id
                          join y in db.FiscalYears on l.FiscalYearId equals y.Id
                          join b in db.Buildings on y.BuildingId equals b.Id
                          where l.OwnerId != null && ownerIds.Contains(l.OwnerId.Value) && a.Code.StartsWith("410") && y.ClosedAt == null
                          group l by new { b.Id, b.Name } into g
                          select new MyBalance(g.Key.Id, g.Key.Name, g.Sum(x => x.Debit) - g.Sum(x => x.Credit))).ToListAsync(ct);
        return rows.OrderBy(r => r.BuildingName, StringComparer.CurrentCulture).ToList();
    }
}
