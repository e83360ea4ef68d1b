
namespace KoproGo.Core.Features.Calls;

/// <summary>The Calls feature's tables, as its use cases (and others') reach them through <see cref="IKoproGoDb"/>.</summary>
public static class CallsTables
{
    extension(IKoproGoDb db)
    {
        public DbSet<CallForFunds> CallsForFunds => db.Set<CallForFunds>();
        public DbSet<CallLine> CallLines => db.Set<CallLine>();
        public DbSet<Payment> Payments => db.Set<Payment>();
        public DbSet<BankTransaction> BankTransactions => db.Set<BankTransaction>();
        public DbSet<CallSending> CallSendings => db.Set<CallSending>();
        public DbSet<Reminder> Reminders => db.Set<Reminder>();
        public DbSet<LegalInterestRate> LegalInterestRates => db.Set<LegalInterestRate>();
    }
}
