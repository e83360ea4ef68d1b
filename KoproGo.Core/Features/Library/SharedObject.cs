
namespace KoproGo.Core.Features.Library;

public enum ObjectCategory { Tools, Sports, Electronics, Books, Kitchen, Garden, Other }

/// <summary>Available → Reserved (a request approved) → OnLoan → Available again once the return is validated; Unavailable for repair or loss.</summary>
public enum ObjectStatus { Available, Reserved, OnLoan, Unavailable }

public enum LoanStatus { Requested, Approved, Rejected, OnLoan, Returned, Cancelled }

/// <summary>An object a co-owner lends to neighbours (SPEC §7.4).</summary>
public sealed class SharedObject
{
    public const int NameMax = 100, TextMax = 1_000, MaxPhotos = 5, MaxOnLoanPerBorrower = 3;

    private SharedObject() { }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid BuildingId { get; private set; }
    /// <summary>The lender.</summary>
    public Guid OwnerId { get; private set; }
    public string Name { get; private set; } = "";
    public ObjectCategory Category { get; private set; }
    public string? Description { get; private set; }
    public string? Conditions { get; private set; }
    public int MaxLoanDays { get; private set; }
    public decimal? Deposit { get; private set; }
    public ObjectStatus Status { get; private set; }
    public List<Guid> PhotoFileIds { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }

    public static SharedObject Offer(Guid organisationId, Guid buildingId, Guid ownerId, SharedObjectInput input, DateTimeOffset now)
    {
        var o = new SharedObject { Id = Guid.CreateVersion7(), OrganisationId = organisationId, BuildingId = buildingId, OwnerId = ownerId, Status = ObjectStatus.Available, CreatedAt = now };
        o.Update(input);
        return o;
    }

    public void Update(SharedObjectInput input)
    {
        Name = input.Name!.Trim();
        Category = input.Category;
        Description = Text.Clean(input.Description);
        Conditions = Text.Clean(input.Conditions);
        MaxLoanDays = input.MaxLoanDays;
        Deposit = input.Deposit is > 0 ? input.Deposit : null;
        PhotoFileIds = [.. input.PhotoFileIds];
    }

    /// <summary>The lender takes it out of (or back into) circulation; never while someone holds it.</summary>
    public bool SetAvailable(bool available)
    {
        if (Status is ObjectStatus.Reserved or ObjectStatus.OnLoan)
            return false;
        Status = available ? ObjectStatus.Available : ObjectStatus.Unavailable;
        return true;
    }

    internal void Move(ObjectStatus status) => Status = status;
}

/// <summary>One borrowing of an object, from the request to the validated return and the lender's rating.</summary>
public sealed class Loan
{
    public const int MessageMax = 500;

    private Loan() { }

    public Guid Id { get; private set; }
    public Guid ObjectId { get; private set; }
    public Guid BuildingId { get; private set; }
    public Guid BorrowerId { get; private set; }
    public Guid LenderId { get; private set; }
    public LoanStatus Status { get; private set; }
    public string? Message { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public DateOnly? LentOn { get; private set; }
    public DateOnly? DueOn { get; private set; }
    public DateOnly? ReturnedOn { get; private set; }
    public decimal? Deposit { get; private set; }
    public bool DepositReturned { get; private set; }
    /// <summary>The lender's rating of the borrower (1–5), only after a validated return, once.</summary>
    public int? Rating { get; private set; }
    /// <summary>The last day an overdue reminder went out: one per day at most.</summary>
    public DateOnly? LastReminderOn { get; private set; }

    public static Loan Request(SharedObject o, Guid borrowerId, string? message, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        ObjectId = o.Id,
        BuildingId = o.BuildingId,
        BorrowerId = borrowerId,
        LenderId = o.OwnerId,
        Status = LoanStatus.Requested,
        Message = Text.Clean(message),
        RequestedAt = now,
        Deposit = o.Deposit,
    };

    public bool IsOverdue(DateOnly today) => Status == LoanStatus.OnLoan && DueOn < today;

    public void Approve(SharedObject o)
    {
        Move(LoanStatus.Requested, LoanStatus.Approved);
        o.Move(ObjectStatus.Reserved);
    }

    public void Reject() => Move(LoanStatus.Requested, LoanStatus.Rejected);

    public void Cancel(SharedObject o)
    {
        if (Status == LoanStatus.Approved)
            o.Move(ObjectStatus.Available);
        if (Status is not (LoanStatus.Requested or LoanStatus.Approved))
            throw new InvalidOperationException($"Loan {Id} is {Status}.");
        Status = LoanStatus.Cancelled;
    }

    /// <summary>Handed over: due after the object's longest loan.</summary>
    public void HandOver(SharedObject o, DateOnly today)
    {
        Move(LoanStatus.Approved, LoanStatus.OnLoan);
        LentOn = today;
        DueOn = today.AddDays(o.MaxLoanDays);
        o.Move(ObjectStatus.OnLoan);
    }

    /// <summary>The lender validates the return: the object is available again and the deposit goes back.</summary>
    public void ValidateReturn(SharedObject o, DateOnly today)
    {
        Move(LoanStatus.OnLoan, LoanStatus.Returned);
        ReturnedOn = today;
        DepositReturned = Deposit is > 0;
        o.Move(ObjectStatus.Available);
    }

    public void Rate(int rating)
    {
        if (Status != LoanStatus.Returned || Rating is not null)
            throw new InvalidOperationException($"Loan {Id} cannot be rated.");
        Rating = rating;
    }

    private void Move(LoanStatus from, LoanStatus to)
    {
        if (Status != from)
            throw new InvalidOperationException($"Loan {Id} is {Status}, not {from}.");
        Status = to;
    }
}

public sealed class SharedObjectInput
{
    public string? Name { get; set; }
    public ObjectCategory Category { get; set; } = ObjectCategory.Tools;
    public string? Description { get; set; }
    public string? Conditions { get; set; }
    public int MaxLoanDays { get; set; } = 7;
    public decimal? Deposit { get; set; }
    public List<Guid> PhotoFileIds { get; set; } = [];

    public Validation Validate() => new Validation()
        .Required(Name, nameof(Name), SharedObject.NameMax)
        .Optional(Description, nameof(Description), SharedObject.TextMax)
        .Optional(Conditions, nameof(Conditions), SharedObject.TextMax)
        .Rule(Enum.IsDefined(Category), nameof(Category), Errors.Required)
        .Rule(MaxLoanDays is >= 1 and <= 90, nameof(MaxLoanDays), "error.object_loan_days")
        .Amount(Deposit, nameof(Deposit))
        .Rule(Deposit is null || (Deposit >= 0 && Money.HasAtMostCents(Deposit.Value)), nameof(Deposit), "error.object_deposit")
        .Rule(PhotoFileIds.Count <= SharedObject.MaxPhotos, nameof(PhotoFileIds), "error.too_many_photos", SharedObject.MaxPhotos);
}
