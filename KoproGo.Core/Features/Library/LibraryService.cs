namespace KoproGo.Core.Features.Library;

public sealed record ObjectRow(Guid Id, string Name, ObjectCategory Category, string? Description, string? Conditions, int MaxLoanDays, decimal? Deposit,
    ObjectStatus Status, string LenderName, bool Mine, IReadOnlyList<Guid> PhotoFileIds, int TimesLent);

public enum LoanSide { Borrower, Lender }

public sealed record LoanRow(Guid Id, Guid ObjectId, string ObjectName, LoanSide Side, string OtherName, LoanStatus Status, DateOnly? LentOn, DateOnly? DueOn,
    DateOnly? ReturnedOn, bool Overdue, decimal? Deposit, bool DepositReturned, int? Rating, string? Message);

public sealed record MostBorrowed(string Name, int Loans);

public interface ILibraryService
{
    Task<Result<IReadOnlyList<ObjectRow>>> ObjectsAsync(Actor actor, Guid buildingId, ObjectCategory? category, CancellationToken ct);
    /// <summary>A co-owner of the building offers (or changes) one of their objects.</summary>
    Task<Result<Guid>> OfferAsync(Actor actor, Guid buildingId, Guid? objectId, SharedObjectInput input, CancellationToken ct);
    Task<Result> SetAvailableAsync(Actor actor, Guid objectId, bool available, CancellationToken ct);
    /// <summary>Never one's own object; at most 3 requested, reserved or borrowed objects per borrower at once.</summary>
    Task<Result<Guid>> RequestAsync(Actor actor, Guid objectId, string? message, CancellationToken ct);
    Task<Result> ApproveAsync(Actor actor, Guid loanId, CancellationToken ct);
    Task<Result> RejectAsync(Actor actor, Guid loanId, CancellationToken ct);
    Task<Result> CancelAsync(Actor actor, Guid loanId, CancellationToken ct);
    Task<Result> HandOverAsync(Actor actor, Guid loanId, CancellationToken ct);
    Task<Result> ValidateReturnAsync(Actor actor, Guid loanId, CancellationToken ct);
    Task<Result> RateAsync(Actor actor, Guid loanId, int rating, CancellationToken ct);
    Task<IReadOnlyList<LoanRow>> MyLoansAsync(Actor actor, CancellationToken ct);
    /// <summary>An object's loans, for its lender and the building's staff.</summary>
    Task<Result<IReadOnlyList<LoanRow>>> HistoryAsync(Actor actor, Guid objectId, CancellationToken ct);
    Task<Result<IReadOnlyList<MostBorrowed>>> MostBorrowedAsync(Actor actor, Guid buildingId, CancellationToken ct);
}

public sealed class LibraryService(IKoproGoDbFactory dbFactory, INotificationService notifications, TimeProvider clock) : ILibraryService
{
    private static readonly LoanStatus[] Lent = [LoanStatus.OnLoan, LoanStatus.Returned];
    private static readonly LoanStatus[] Holding = [LoanStatus.Requested, LoanStatus.Approved, LoanStatus.OnLoan];

    public async Task<Result<IReadOnlyList<ObjectRow>>> ObjectsAsync(Actor actor, Guid buildingId, ObjectCategory? category, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        if (!await db.ReadableBuildings(actor, clock.Today()).AnyAsync(b => b.Id == buildingId, ct))
            return Errors.NotFoundError;
        var mine = actor.OwnerIds.ToList();
        var rows = await (from o in db.SharedObjects.AsNoTracking()
                          join w in db.Owners on o.OwnerId equals w.Id
                          where o.BuildingId == buildingId && (category == null || o.Category == category)
                          orderby o.Name
                          select new { Object = o, Lender = w, Lent = db.Set<Loan>().Count(l => l.ObjectId == o.Id && Lent.Contains(l.Status)) }).ToListAsync(ct);
        return rows.Select(r => new ObjectRow(r.Object.Id, r.Object.Name, r.Object.Category, r.Object.Description, r.Object.Conditions, r.Object.MaxLoanDays,
            r.Object.Deposit, r.Object.Status, r.Lender.DisplayName, mine.Contains(r.Object.OwnerId), r.Object.PhotoFileIds, r.Lent)).ToList();
    }

    public async Task<Result<Guid>> OfferAsync(Actor actor, Guid buildingId, Guid? objectId, SharedObjectInput input, CancellationToken ct)
    {
        var validation = input.Validate();
        if (!validation.IsValid)
            return Result<Guid>.Fail(validation.Errors);
        await using var db = await dbFactory.CreateAsync(ct);
        var contributor = await db.CommunityContributorAsync(actor, buildingId, input.PhotoFileIds, nameof(SharedObjectInput.PhotoFileIds), clock.Today(), ct);
        if (!contributor.Succeeded)
            return Result<Guid>.Fail(contributor.Errors);
        var (building, owner) = contributor.Value;
        SharedObject o;
        if (objectId is { } id)
        {
            var existing = await db.SharedObjects.FirstOrDefaultAsync(x => x.Id == id && x.BuildingId == buildingId, ct);
            if (existing is null || existing.OwnerId != owner)
                return Errors.NotFoundError;
            existing.Update(input);
            o = existing;
        }
        else
        {
            o = SharedObject.Offer(building.OrganisationId, buildingId, owner, input, clock.GetUtcNow());
            db.SharedObjects.Add(o);
        }
        await db.SaveChangesAsync(ct);
        return o.Id;
    }

    public async Task<Result> SetAvailableAsync(Actor actor, Guid objectId, bool available, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var o = await db.SharedObjects.FirstOrDefaultAsync(x => x.Id == objectId, ct);
        if (o is null || !actor.OwnerIds.Contains(o.OwnerId))
            return Errors.NotFoundError;
        if (!o.SetAvailable(available))
            return Error.Of("error.object_status", o.Status.ToString());
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result<Guid>> RequestAsync(Actor actor, Guid objectId, string? message, CancellationToken ct)
    {
        if (Text.Clean(message) is { Length: > Loan.MessageMax })
            return new Error(Errors.TooLong, [Loan.MessageMax], "Message");
        await using var db = await dbFactory.CreateAsync(ct);
        var found = await db.SharedObjects.AsNoTracking().FirstOrDefaultAsync(x => x.Id == objectId, ct);
        if (found is null || !await db.ReadableBuildings(actor, clock.Today()).AnyAsync(b => b.Id == found.BuildingId, ct))
            return Errors.NotFoundError;
        var borrower = await db.OwnerInBuildingAsync(actor, found.BuildingId, clock.Today(), ct);
        if (borrower is null)
            return new Error("error.library_not_owner");
        if (borrower == found.OwnerId)
            return new Error("error.loan_own");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // the borrower's row: their parallel requests queue, so the limit of three holds
        await db.LockAsync<Owner>(borrower.Value, ct);
        var o = await db.SharedObjects.FirstAsync(x => x.Id == objectId, ct);
        if (o.Status != ObjectStatus.Available)
            return new Error("error.object_not_available");
        if (await db.Loans.AnyAsync(l => l.ObjectId == objectId && l.BorrowerId == borrower && Holding.Contains(l.Status), ct))
            return new Error("error.loan_already_requested");
        if (await db.Loans.CountAsync(l => l.BorrowerId == borrower && Holding.Contains(l.Status), ct) >= SharedObject.MaxOnLoanPerBorrower)
            return new Error("error.loan_limit", [SharedObject.MaxOnLoanPerBorrower]);
        var loan = Loan.Request(o, borrower.Value, message, clock.GetUtcNow());
        db.Loans.Add(loan);
        await notifications.NotifyOwnersAsync(db, [o.OwnerId], o.OrganisationId, NotificationType.Community, "notify.loan_requested", [o.Name], "/library", ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return loan.Id;
    }

    public Task<Result> ApproveAsync(Actor actor, Guid loanId, CancellationToken ct) => ChangeAsync(actor, loanId, LoanSide.Lender, (loan, o, _) =>
    {
        if (loan.Status != LoanStatus.Requested)
            return (StatusError(loan), null);
        if (o.Status != ObjectStatus.Available)
            return (new Error("error.object_not_available"), null);
        loan.Approve(o);
        return (Result.Ok(), ("notify.loan_approved", loan.BorrowerId));
    }, ct);

    public Task<Result> RejectAsync(Actor actor, Guid loanId, CancellationToken ct) => ChangeAsync(actor, loanId, LoanSide.Lender, (loan, _, _) =>
        loan.Status != LoanStatus.Requested ? (StatusError(loan), null) : (Result.Done(loan.Reject), ("notify.loan_rejected", loan.BorrowerId)), ct);

    public Task<Result> CancelAsync(Actor actor, Guid loanId, CancellationToken ct) => ChangeAsync(actor, loanId, LoanSide.Borrower, (loan, o, _) =>
        loan.Status is not (LoanStatus.Requested or LoanStatus.Approved) ? (StatusError(loan), null) : (Result.Done(() => loan.Cancel(o)), ("notify.loan_cancelled", loan.LenderId)), ct);

    public Task<Result> HandOverAsync(Actor actor, Guid loanId, CancellationToken ct) => ChangeAsync(actor, loanId, LoanSide.Lender, (loan, o, today) =>
        loan.Status != LoanStatus.Approved ? (StatusError(loan), null) : (Result.Done(() => loan.HandOver(o, today)), ("notify.loan_handed_over", loan.BorrowerId)), ct);

    public Task<Result> ValidateReturnAsync(Actor actor, Guid loanId, CancellationToken ct) => ChangeAsync(actor, loanId, LoanSide.Lender, (loan, o, today) =>
        loan.Status != LoanStatus.OnLoan ? (StatusError(loan), null) : (Result.Done(() => loan.ValidateReturn(o, today)), ("notify.loan_returned", loan.BorrowerId)), ct);

    public Task<Result> RateAsync(Actor actor, Guid loanId, int rating, CancellationToken ct)
    {
        if (rating is < 1 or > 5)
            return Task.FromResult<Result>(new Error("error.vote_rating", [], "Rating"));
        return ChangeAsync(actor, loanId, LoanSide.Lender, (loan, _, _) =>
            loan.Status != LoanStatus.Returned || loan.Rating is not null ? (new Error("error.loan_rate_after_return"), null) : (Result.Done(() => loan.Rate(rating)), null), ct);
    }


    /// <summary>The audit code of a step, written out so that the audit log's texts can be checked against every code.</summary>
    private static string AuditAction(LoanStatus status) => status switch
    {
        LoanStatus.Requested => "loan.requested",
        LoanStatus.Approved => "loan.approved",
        LoanStatus.Rejected => "loan.rejected",
        LoanStatus.OnLoan => "loan.onloan",
        LoanStatus.Returned => "loan.returned",
        LoanStatus.Cancelled => "loan.cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    private static Result StatusError(Loan loan) => Error.Of("error.loan_status", loan.Status.ToString());

    /// <summary>A step of a loan by its lender or its borrower (the other side gets "not found"), under a lock of the object's row.</summary>
    private async Task<Result> ChangeAsync(Actor actor, Guid loanId, LoanSide side, Func<Loan, SharedObject, DateOnly, (Result Result, (string Key, Guid To)? Notify)> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var objectId = await db.Loans.Where(l => l.Id == loanId).Select(l => (Guid?)l.ObjectId).FirstOrDefaultAsync(ct);
        if (objectId is null)
            return Errors.NotFoundError;
        await db.LockAsync<SharedObject>(objectId.Value, ct);
        var loan = await db.Loans.FirstAsync(l => l.Id == loanId, ct);
        var o = await db.SharedObjects.FirstAsync(x => x.Id == objectId, ct);
        if (!actor.OwnerIds.Contains(side == LoanSide.Lender ? loan.LenderId : loan.BorrowerId))
            return actor.OwnerIds.Contains(loan.BorrowerId) || actor.OwnerIds.Contains(loan.LenderId) ? Errors.ForbiddenError : Errors.NotFoundError;
        var before = loan.Status;
        var (result, notify) = change(loan, o, clock.Today());
        if (!result.Succeeded)
            return result;
        db.Audit(actor, clock, loan.Status == before ? "loan.rated" : AuditAction(loan.Status), nameof(Loan), loan.Id, o.OrganisationId, o.BuildingId, o.Name);
        if (notify is { } n)
            await notifications.NotifyOwnersAsync(db, [n.To], o.OrganisationId, NotificationType.Community, n.Key, [o.Name], "/library", ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result.Ok();
    }

    public async Task<IReadOnlyList<LoanRow>> MyLoansAsync(Actor actor, CancellationToken ct)
    {
        var mine = actor.OwnerIds.ToList();
        if (mine.Count == 0)
            return [];
        await using var db = await dbFactory.CreateAsync(ct);
        return await RowsAsync(db, db.Loans.Where(l => mine.Contains(l.BorrowerId) || mine.Contains(l.LenderId)), mine, ct);
    }

    public async Task<Result<IReadOnlyList<LoanRow>>> HistoryAsync(Actor actor, Guid objectId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var o = await db.SharedObjects.AsNoTracking().FirstOrDefaultAsync(x => x.Id == objectId, ct);
        if (o is null || !(actor.OwnerIds.Contains(o.OwnerId) || actor.IsStaffOf(o.OrganisationId, o.BuildingId)))
            return Errors.NotFoundError;
        return Result<IReadOnlyList<LoanRow>>.Ok(await RowsAsync(db, db.Loans.Where(l => l.ObjectId == objectId), [o.OwnerId], ct));
    }

    private async Task<IReadOnlyList<LoanRow>> RowsAsync(IKoproGoDb db, IQueryable<Loan> loans, IReadOnlyList<Guid> me, CancellationToken ct)
    {
        var today = clock.Today();
        var rows = await (from l in loans.AsNoTracking()
                          join o in db.SharedObjects on l.ObjectId equals o.Id
                          join b in db.Owners on l.BorrowerId equals b.Id
                          join w in db.Owners on l.LenderId equals w.Id
                          orderby l.RequestedAt descending
                          select new { Loan = l, Object = o.Name, Borrower = b.DisplayName, Lender = w.DisplayName }).Take(200).ToListAsync(ct);
        return rows.Select(r =>
        {
            var side = me.Contains(r.Loan.LenderId) ? LoanSide.Lender : LoanSide.Borrower;
            return new LoanRow(r.Loan.Id, r.Loan.ObjectId, r.Object, side, side == LoanSide.Lender ? r.Borrower : r.Lender, r.Loan.Status, r.Loan.LentOn, r.Loan.DueOn,
                r.Loan.ReturnedOn, r.Loan.IsOverdue(today), r.Loan.Deposit, r.Loan.DepositReturned, r.Loan.Rating, r.Loan.Message);
        }).ToList();
    }

    public async Task<Result<IReadOnlyList<MostBorrowed>>> MostBorrowedAsync(Actor actor, Guid buildingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        if (!await db.ReadableBuildings(actor, clock.Today()).AnyAsync(b => b.Id == buildingId, ct))
            return Errors.NotFoundError;
        var top = await (from l in db.Loans
                         join o in db.SharedObjects on l.ObjectId equals o.Id
                         where l.BuildingId == buildingId && Lent.Contains(l.Status)
                         group l by o.Name into g
                         orderby g.Count() descending, g.Key
                         select new MostBorrowed(g.Key, g.Count())).Take(5).ToListAsync(ct);
        return top;
    }
}

/// <summary>
/// Daily (Hangfire): from the day after the due date, every day until the return, the borrower and the lender are
/// reminded (each reads it in their own language). A conditional update claims the day, so a second run sends nothing.
/// </summary>
[RecurringJob("overdue-loan-reminders", "0 9 * * *")]
public sealed class OverdueLoanReminderJob(IKoproGoDbFactory dbFactory, INotificationService notifications, TimeProvider clock)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var today = clock.Today();
        List<Guid> due;
        await using (var db = await dbFactory.CreateAsync(ct))
            due = await db.Loans.Where(l => l.Status == LoanStatus.OnLoan && l.DueOn < today && (l.LastReminderOn == null || l.LastReminderOn < today))
                .Select(l => l.Id).ToListAsync(ct);
        var sent = 0;
        foreach (var id in due)
        {
            await using var db = await dbFactory.CreateAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var claimed = await db.Loans.Where(l => l.Id == id && (l.LastReminderOn == null || l.LastReminderOn < today))
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.LastReminderOn, today), ct);
            if (claimed == 0)
                continue;
            var row = await (from l in db.Loans
                             join o in db.SharedObjects on l.ObjectId equals o.Id
                             join b in db.Owners on l.BorrowerId equals b.Id
                             where l.Id == id
                             select new { l.BorrowerId, l.LenderId, l.DueOn, o.Name, o.OrganisationId, Borrower = b.DisplayName }).FirstAsync(ct);
            var days = (today.DayNumber - row.DueOn!.Value.DayNumber).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await notifications.NotifyOwnersAsync(db, [row.BorrowerId], row.OrganisationId, NotificationType.Community, "notify.loan_overdue_borrower", [row.Name, days], "/library", ct);
            await notifications.NotifyOwnersAsync(db, [row.LenderId], row.OrganisationId, NotificationType.Community, "notify.loan_overdue_lender", [row.Name, days, row.Borrower], "/library", ct, PersonRef.Owner(row.BorrowerId));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            sent++;
        }
        return sent;
    }
}
