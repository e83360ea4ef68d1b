using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Accounts;
using KoproGo.Core.Features.Audit;
using KoproGo.Core.Features.Bookings;
using KoproGo.Core.Features.Budgets;
using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Calls;
using KoproGo.Core.Features.Files;
using KoproGo.Core.Features.Library;
using KoproGo.Core.Features.Notices;
using KoproGo.Core.Features.Notifications;
using KoproGo.Core.Features.Organisations;
using KoproGo.Core.Features.Owners;
using KoproGo.Core.Features.Polls;
using KoproGo.Core.Features.Privacy;
using KoproGo.Core.Features.Security;
using KoproGo.Core.Features.Skills;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace KoproGo.Core.Common;

/// <summary>
/// The database as the use cases see it (EF Core directly, no repositories). Implemented by KoproGoDbContext in
/// KoproGo.Data. One context per operation: see <see cref="IKoproGoDbFactory"/>.
/// </summary>
public interface IKoproGoDb : IAsyncDisposable
{
    DbSet<AppUser> Users { get; }
    DbSet<Organisation> Organisations { get; }
    DbSet<Building> Buildings { get; }
    DbSet<Unit> Units { get; }
    DbSet<Owner> Owners { get; }
    DbSet<Ownership> Ownerships { get; }
    DbSet<Membership> Memberships { get; }
    DbSet<Invitation> Invitations { get; }
    DbSet<AuditEntry> AuditEntries { get; }
    DbSet<Notification> Notifications { get; }
    DbSet<NotificationPreference> NotificationPreferences { get; }
    DbSet<OutboxEmail> OutboxEmails { get; }
    DbSet<StoredFile> Files { get; }
    DbSet<BackupCode> BackupCodes { get; }
    DbSet<TwoFactorFailure> TwoFactorFailures { get; }
    DbSet<ConsentRecord> ConsentRecords { get; }
    DbSet<Account> Accounts { get; }
    DbSet<FiscalYear> FiscalYears { get; }
    DbSet<JournalEntry> JournalEntries { get; }
    DbSet<JournalLine> JournalLines { get; }
    DbSet<JournalCounter> JournalCounters { get; }
    DbSet<Supplier> Suppliers { get; }
    DbSet<SupplierInvoice> SupplierInvoices { get; }
    DbSet<InvoiceLine> InvoiceLines { get; }
    DbSet<DistributionKey> DistributionKeys { get; }
    DbSet<DistributionKeyUnit> DistributionKeyUnits { get; }
    DbSet<ChargeAllocation> ChargeAllocations { get; }
    DbSet<CallForFunds> CallsForFunds { get; }
    DbSet<CallLine> CallLines { get; }
    DbSet<Payment> Payments { get; }
    DbSet<BankTransaction> BankTransactions { get; }
    DbSet<CallSending> CallSendings { get; }
    DbSet<Reminder> Reminders { get; }
    DbSet<LegalInterestRate> LegalInterestRates { get; }
    DbSet<Budget> Budgets { get; }
    DbSet<Poll> Polls { get; }
    DbSet<Resource> Resources { get; }
    DbSet<SharedObject> SharedObjects { get; }
    DbSet<Notice> Notices { get; }
    DbSet<Skill> Skills { get; }
    DbSet<Endorsement> Endorsements { get; }
    DbSet<TimeExchange> TimeExchanges { get; }
    DbSet<NoticeComment> NoticeComments { get; }
    DbSet<Loan> Loans { get; }
    DbSet<Booking> Bookings { get; }
    DbSet<PollOption> PollOptions { get; }
    DbSet<PollParticipation> PollParticipations { get; }
    DbSet<PollBallot> PollBallots { get; }
    DbSet<BudgetLine> BudgetLines { get; }
    DbSet<BudgetAlert> BudgetAlerts { get; }

    /// <summary>Any mapped entity (new features use this rather than a property here).</summary>
    DbSet<T> Set<T>() where T : class;

    DatabaseFacade Database { get; }
    /// <summary>The EF model: table and column names for the few statements written by hand (row locks).</summary>
    Microsoft.EntityFrameworkCore.Metadata.IModel Model { get; }
    /// <summary>For long batches in one context (a bank file): clearing what was saved keeps each step's cost flat.</summary>
    Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker ChangeTracker { get; }
    Task<int> SaveChangesAsync(CancellationToken ct = default);
    /// <summary>
    /// Writes new rows at once (PostgreSQL binary COPY, in the current transaction), outside the change tracker: for
    /// batches of thousands (a bank file's payments). Database-generated keys are not read back.
    /// </summary>
    Task InsertManyAsync<T>(IReadOnlyCollection<T> rows, CancellationToken ct) where T : class;
}

/// <summary>Opens a fresh context per operation: right for a long-lived Blazor circuit, a request and a job alike.</summary>
public interface IKoproGoDbFactory
{
    Task<IKoproGoDb> CreateAsync(CancellationToken ct = default);
}
