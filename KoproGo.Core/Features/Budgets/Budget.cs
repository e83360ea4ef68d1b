
namespace KoproGo.Core.Features.Budgets;

/// <summary>SPEC §4.1: Draft → Submitted → Voted → Active → Closed, and Submitted → Rejected → Draft.</summary>
public enum BudgetStatus { Draft, Submitted, Rejected, Voted, Active, Closed }

/// <summary>Ordinary = current charges (working fund); extraordinary = works.</summary>
public enum BudgetLineKind { Ordinary, Extraordinary }

/// <summary>
/// The annual budget of a building for one fiscal year (one per year: the database refuses a second). Lines per charge
/// account (class 6) plus the reserve-fund contribution. Only a draft can be edited or deleted.
/// </summary>
public sealed class Budget
{
    public const int ReferenceMax = 100, ReasonMax = 500;

    private Budget() { }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid BuildingId { get; private set; }
    public Guid FiscalYearId { get; private set; }
    public BudgetStatus Status { get; private set; }
    /// <summary>The yearly contribution to the reserve fund (Civil Code Art. 3.86 §3).</summary>
    public decimal Reserve { get; private set; }
    /// <summary>The general assembly that approved it: meeting date and minutes reference (the AG module will link its resolution).</summary>
    public DateOnly? AssemblyDate { get; private set; }
    public string? AssemblyReference { get; private set; }
    public string? RejectionReason { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public DateTimeOffset? VotedAt { get; private set; }
    public DateTimeOffset? ActivatedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public List<BudgetLine> Lines { get; private set; } = [];

    public decimal Ordinary => Lines.Where(l => l.Kind == BudgetLineKind.Ordinary).Sum(l => l.Amount);
    public decimal Extraordinary => Lines.Where(l => l.Kind == BudgetLineKind.Extraordinary).Sum(l => l.Amount);
    public decimal Total => Ordinary + Extraordinary + Reserve;

    public static Budget Create(Guid organisationId, Guid buildingId, Guid fiscalYearId, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(), OrganisationId = organisationId, BuildingId = buildingId, FiscalYearId = fiscalYearId, Status = BudgetStatus.Draft, CreatedAt = now };

    /// <summary>Whether the step is allowed from the current state; the service turns a refusal into "error.budget_status".</summary>
    public bool Can(BudgetStatus next) => (Status, next) switch
    {
        (BudgetStatus.Draft, BudgetStatus.Submitted) => true,
        (BudgetStatus.Submitted, BudgetStatus.Voted) => true,
        (BudgetStatus.Submitted, BudgetStatus.Rejected) => true,
        (BudgetStatus.Rejected, BudgetStatus.Draft) => true,
        (BudgetStatus.Voted, BudgetStatus.Active) => true,
        (BudgetStatus.Active, BudgetStatus.Closed) => true,
        _ => false,
    };

    public void SetReserve(decimal reserve)
    {
        Require(BudgetStatus.Draft);
        Reserve = reserve;
    }

    public void Submit(DateTimeOffset now) => Move(BudgetStatus.Submitted, () => SubmittedAt = now);

    public void Reject(string reason) => Move(BudgetStatus.Rejected, () => RejectionReason = reason.Trim());

    public void Reopen() => Move(BudgetStatus.Draft, () => { });

    public void Vote(DateOnly assemblyDate, string reference, DateTimeOffset now) => Move(BudgetStatus.Voted, () =>
    {
        AssemblyDate = assemblyDate;
        AssemblyReference = reference.Trim();
        VotedAt = now;
    });

    public void Activate(DateTimeOffset now) => Move(BudgetStatus.Active, () => ActivatedAt = now);

    public void Close(DateTimeOffset now) => Move(BudgetStatus.Closed, () => ClosedAt = now);

    private void Move(BudgetStatus next, Action apply)
    {
        if (!Can(next))
            throw new InvalidOperationException($"Budget {Id} cannot go from {Status} to {next}.");
        apply();
        Status = next;
    }

    private void Require(BudgetStatus status)
    {
        if (Status != status)
            throw new InvalidOperationException($"Budget {Id} is {Status}, not {status}.");
    }
}

public sealed class BudgetLine
{
    public const int LabelMax = 200;

    private BudgetLine() { }

    public Guid Id { get; private set; }
    public Guid BudgetId { get; private set; }
    /// <summary>A charge account (class 6) of the organisation's chart.</summary>
    public Guid AccountId { get; private set; }
    public BudgetLineKind Kind { get; private set; }
    public decimal Amount { get; private set; }
    public string? Label { get; private set; }

    public static BudgetLine Create(Guid budgetId, Guid accountId, BudgetLineKind kind, decimal amount, string? label) =>
        new() { Id = Guid.CreateVersion7(), BudgetId = budgetId, AccountId = accountId, Kind = kind, Amount = amount, Label = Text.Clean(label) };
}

/// <summary>
/// A variance alert already sent for a line (or the total, <see cref="AccountId"/> null) of a budget. Deleted when the
/// variance falls back under the threshold, so the next crossing alerts again; unique so two job runs send one alert.
/// </summary>
public sealed class BudgetAlert
{
    private BudgetAlert() { }

    public Guid Id { get; private set; }
    public Guid BudgetId { get; private set; }
    public Guid? AccountId { get; private set; }
    public decimal VariancePercent { get; private set; }
    public DateTimeOffset RaisedAt { get; private set; }

    public static BudgetAlert Raise(Guid budgetId, Guid? accountId, decimal variancePercent, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(), BudgetId = budgetId, AccountId = accountId, VariancePercent = variancePercent, RaisedAt = now };
}

public sealed class BudgetLineInput
{
    public Guid? AccountId { get; set; }
    public BudgetLineKind Kind { get; set; }
    public decimal Amount { get; set; }
    public string? Label { get; set; }
}

public sealed class BudgetInput
{
    public Guid? FiscalYearId { get; set; }
    public decimal Reserve { get; set; }
    public List<BudgetLineInput> Lines { get; set; } = [];

    public Validation Validate()
    {
        var v = new Validation()
            .Rule(FiscalYearId is not null, nameof(FiscalYearId), Errors.Required)
            .Rule(Reserve >= 0 && Lines.All(l => l.Amount >= 0), nameof(Lines), "error.budget_negative")
            .Amount(Reserve, nameof(Reserve))
            .Rule(Lines.All(l => Money.InRange(l.Amount)), nameof(Lines), "error.amount_too_large")
            .Rule(Money.HasAtMostCents(Reserve) && Lines.All(l => Money.HasAtMostCents(l.Amount)), nameof(Lines), "error.amount_cents")
            .Rule(Lines.All(l => l.AccountId is not null), nameof(Lines), "error.budget_line_account")
            .Rule(Lines.All(l => Enum.IsDefined(l.Kind)), nameof(Lines), Errors.Required)
            .Rule(Lines.All(l => l.Label is null || l.Label.Trim().Length <= BudgetLine.LabelMax), nameof(Lines), Errors.TooLong, BudgetLine.LabelMax)
            // actuals are read per account, so an account is budgeted once (ordinary or extraordinary)
            .Rule(Lines.GroupBy(l => l.AccountId).All(g => g.Count() == 1), nameof(Lines), "error.budget_line_twice");
        return v.Rule(Money.SafeSum(Lines.Select(l => l.Amount).Append(Reserve)) is null or > 0, nameof(Lines), "error.budget_zero");
    }
}

/// <summary>The general assembly's approval recorded when a budget is voted.</summary>
public sealed class BudgetVoteInput
{
    public DateOnly? AssemblyDate { get; set; }
    public string? Reference { get; set; }

    public Validation Validate(DateOnly today) => new Validation()
        .Date(AssemblyDate, nameof(AssemblyDate))
        .Rule(AssemblyDate is null || AssemblyDate <= today, nameof(AssemblyDate), "error.assembly_in_future")
        .Required(Reference, nameof(Reference), Budget.ReferenceMax);
}
