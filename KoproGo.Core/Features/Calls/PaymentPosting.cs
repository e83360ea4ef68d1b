using KoproGo.Core.Features.Accounting;

namespace KoproGo.Core.Features.Calls;

/// <summary>The part a payment names (by its structured communication): this line, this fund.</summary>
public sealed record PaymentTarget(Guid LineId, Fund Fund);

/// <summary>
/// The one way received payments are booked, by hand or from a bank statement, inside the caller's transaction. The
/// owners' open call lines are locked first (<see cref="BeginAsync"/>), then each payment is applied in turn
/// (<see cref="PaymentBatch.Add"/>): the part it names, then the oldest parts of the fund whose account received the
/// money, then — money on the wrong account — the other fund's parts, flagged as a transfer to make; what is left stays
/// as a credit. <see cref="PostAsync"/> books one FIN entry per payment: the bank account that received it (551 working,
/// 550 reserve) against the owner's working (4101) and reserve (4100) accounts by what each fund got.
/// </summary>
public sealed class PaymentPosting(JournalPoster poster, TimeProvider clock)
{
    /// <summary>One payment: the batch of one that the payment dialog and the manual match use.</summary>
    public async Task<Result<Payment>> RecordAsync(IKoproGoDb db, Actor actor, Building building, Owner owner, DateOnly date, decimal amount,
        PaymentMethod method, string? reference, Fund account, PaymentTarget? target, CancellationToken ct)
    {
        var batch = await BeginAsync(db, building, [owner.Id], ct);
        batch.Add(owner, date, amount, method, reference, account, target);
        var posted = await PostAsync(db, actor, batch, ct);
        return posted.Succeeded ? posted.Value[0] : Result<Payment>.Fail(posted.Errors);
    }

    /// <summary>Locks the open call lines of these owners in the building: a concurrent payment on them waits until this one commits.</summary>
    public async Task<PaymentBatch> BeginAsync(IKoproGoDb db, Building building, IReadOnlyCollection<Guid> ownerIds, CancellationToken ct)
    {
        var ids = ownerIds.Distinct().ToArray();
        // lock, then read: a concurrent payment on the same line waits here and then sees what the first one paid
        var open = ids.Length == 0 ? [] : await db.CallLines.FromSqlInterpolated($"""
                SELECT l.*, l.xmin FROM call_lines l JOIN calls_for_funds c ON c.id = l.call_id
                 WHERE l.owner_id = ANY({ids}) AND c.building_id = {building.Id} AND c.status = 'Sent' AND l.paid < l.total
                 ORDER BY c.due_date, c.created_at, l.id
                 FOR UPDATE OF l
                """).ToListAsync(ct);
        var accounts = await db.Accounts.Where(a => a.OrganisationId == building.OrganisationId
                && (a.Code == StandardChart.BankReserve || a.Code == StandardChart.BankCurrent || a.Code == StandardChart.OwnersWorking || a.Code == StandardChart.OwnersReserve))
            .ToDictionaryAsync(a => a.Code, a => a.Id, ct);
        return new PaymentBatch(building, open.GroupBy(l => l.OwnerId).ToDictionary(g => g.Key, g => g.ToList()), accounts);
    }

    /// <summary>Posts the batch's payments (numbers in their order) and adds them, their allocations and audit rows to the context.</summary>
    public async Task<Result<IReadOnlyList<Payment>>> PostAsync(IKoproGoDb db, Actor actor, PaymentBatch batch, CancellationToken ct)
    {
        var building = batch.Building;
        var posted = await poster.PostManyAsync(db, actor, building.OrganisationId, batch.Items.Select(i => i.Draft).ToList(), ct);
        if (!posted.Succeeded)
            return Result<IReadOnlyList<Payment>>.Fail(posted.Errors);
        var now = clock.GetUtcNow();
        var result = new List<Payment>(batch.Items.Count);
        var allocations = new List<PaymentAllocation>();
        foreach (var (item, entry) in batch.Items.Zip(posted.Value))
        {
            var payment = Payment.Create(building.Id, item.OwnerId, item.Date, item.Amount, item.Method, item.Reference, entry.Id, item.Unapplied, now, item.Account, item.TransferDue);
            result.Add(payment);
            allocations.AddRange(item.Allocations.Select(a => PaymentAllocation.Create(payment.Id, a.Line.Id, a.Fund, a.Amount, item.Date)));
        }
        if (result.Count == 1)
        {
            db.Payments.Add(result[0]);
            db.Set<PaymentAllocation>().AddRange(allocations);
        }
        else
        {
            // the batch's entries are already written (JournalPoster): its payments follow them the same way
            await db.InsertManyAsync(result, ct);
            await db.InsertManyAsync(allocations, ct);
            await WriteLinesAsync(db, batch, ct);
        }
        // one audit row per act: a bank statement's hundreds of payments are one import, already audited as such
        if (result.Count == 1)
            db.Audit(actor, clock, "payment.recorded", nameof(Payment), result[0].Id, building.OrganisationId, building.Id,
                $"{result[0].Amount:0.00} {result[0].Method} {result[0].Account}" + (result[0].TransferDue > 0 ? $" transfer due {result[0].TransferDue:0.00}" : ""));
        else if (result.Count > 1)
            db.Audit(actor, clock, "payments.recorded", nameof(Payment), result[0].Id, building.OrganisationId, building.Id,
                $"{result.Count} payments {result.Sum(p => p.Amount):0.00}, transfers due {result.Sum(p => p.TransferDue):0.00}");
        return result;
    }

    /// <summary>
    /// What the batch paid on each line, in one statement; the lines are locked, and their xmin must still be the one
    /// read (the same guard as EF's concurrency token). The lines then leave the change tracker: they are written.
    /// </summary>
    private static async Task WriteLinesAsync(IKoproGoDb db, PaymentBatch batch, CancellationToken ct)
    {
        var lines = batch.Items.SelectMany(i => i.Allocations).Select(a => a.Line).Distinct().ToList();
        if (lines.Count == 0)
            return;
        var written = await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE call_lines l SET paid = u.paid, paid_reserve = u.paid_reserve
              FROM unnest({lines.Select(l => l.Id).ToArray()}, {lines.Select(l => l.Paid).ToArray()}, {lines.Select(l => l.PaidReserve).ToArray()},
                          {lines.Select(l => (long)l.Version).ToArray()}) AS u(id, paid, paid_reserve, version)
             WHERE l.id = u.id AND l.xmin::text::bigint = u.version
            """, ct);
        if (written != lines.Count)
            throw new DbUpdateConcurrencyException($"{lines.Count - written} call line(s) changed while they were locked");
        foreach (var entry in db.ChangeTracker.Entries<CallLine>().Where(e => lines.Contains(e.Entity)).ToList())
            entry.State = EntityState.Detached;
    }
}

/// <summary>Payments being applied to locked call lines, in order; each sees what the previous ones paid.</summary>
public sealed class PaymentBatch
{
    internal sealed record Item(Guid OwnerId, DateOnly Date, decimal Amount, PaymentMethod Method, string? Reference, Fund Account,
        IReadOnlyList<(CallLine Line, Fund Fund, decimal Amount)> Allocations, decimal Unapplied, decimal TransferDue, EntryDraft Draft);

    private readonly Dictionary<Guid, List<CallLine>> _open;
    private readonly Dictionary<string, Guid> _accounts;
    private readonly List<Item> _items = [];

    internal PaymentBatch(Building building, Dictionary<Guid, List<CallLine>> open, Dictionary<string, Guid> accounts)
    {
        Building = building;
        _open = open;
        _accounts = accounts;
    }

    public Building Building { get; }
    internal IReadOnlyList<Item> Items => _items;
    public int Count => _items.Count;

    /// <summary>The owner's locked lines, oldest first, as the payments added so far left them.</summary>
    public IReadOnlyList<CallLine> OpenLinesOf(Guid ownerId) => _open.GetValueOrDefault(ownerId) ?? [];

    /// <summary>Applies the payment to the owner's lines now; what it will book is posted with the batch.</summary>
    public void Add(Owner owner, DateOnly date, decimal amount, PaymentMethod method, string? reference, Fund account, PaymentTarget? target)
    {
        var open = OpenLinesOf(owner.Id);
        var allocations = new List<(CallLine Line, Fund Fund, decimal Amount)>();
        var rest = amount;
        void Take(CallLine line, Fund fund)
        {
            if (rest <= 0)
                return;
            var taken = line.Apply(rest, fund);
            if (taken <= 0)
                return;
            rest -= taken;
            allocations.Add((line, fund, taken));
        }
        if (target is not null && open.FirstOrDefault(l => l.Id == target.LineId) is { } named)
            Take(named, target.Fund);
        foreach (var line in open)
            Take(line, account);
        var other = account == Fund.Working ? Fund.Reserve : Fund.Working;
        foreach (var line in open)
            Take(line, other);

        var working = allocations.Where(a => a.Fund == Fund.Working).Sum(a => a.Amount) + (account == Fund.Working ? rest : 0);
        var reserve = allocations.Where(a => a.Fund == Fund.Reserve).Sum(a => a.Amount) + (account == Fund.Reserve ? rest : 0);
        var transferDue = allocations.Where(a => a.Fund != account).Sum(a => a.Amount);
        var bank = account == Fund.Reserve ? StandardChart.BankReserve : StandardChart.BankCurrent;
        List<LineDraft> lines = [new() { AccountId = _accounts[bank], Debit = amount }];
        if (working > 0)
            lines.Add(new() { AccountId = _accounts[StandardChart.OwnersWorking], OwnerId = owner.Id, Credit = working });
        if (reserve > 0)
            lines.Add(new() { AccountId = _accounts[StandardChart.OwnersReserve], OwnerId = owner.Id, Credit = reserve });
        var draft = new EntryDraft
        {
            BuildingId = Building.Id,
            Date = date,
            Journal = Journal.FIN,
            Kind = EntryKind.PaymentReceived,
            Description = Texts.Get("accounting.payment_from", Building.Language, owner.DisplayName),
            DocumentRef = Text.Clean(reference),
            Lines = lines,
        };
        _items.Add(new Item(owner.Id, date, amount, method, reference, account, allocations, rest, transferDue, draft));
    }
}
