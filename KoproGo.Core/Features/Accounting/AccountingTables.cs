
namespace KoproGo.Core.Features.Accounting;

/// <summary>The Accounting feature's tables, as its use cases (and others') reach them through <see cref="IKoproGoDb"/>.</summary>
public static class AccountingTables
{
    extension(IKoproGoDb db)
    {
        public DbSet<Account> Accounts => db.Set<Account>();
        public DbSet<FiscalYear> FiscalYears => db.Set<FiscalYear>();
        public DbSet<JournalEntry> JournalEntries => db.Set<JournalEntry>();
        public DbSet<JournalLine> JournalLines => db.Set<JournalLine>();
        public DbSet<JournalCounter> JournalCounters => db.Set<JournalCounter>();
        public DbSet<Supplier> Suppliers => db.Set<Supplier>();
        public DbSet<SupplierInvoice> SupplierInvoices => db.Set<SupplierInvoice>();
        public DbSet<InvoiceLine> InvoiceLines => db.Set<InvoiceLine>();
        public DbSet<DistributionKey> DistributionKeys => db.Set<DistributionKey>();
        public DbSet<DistributionKeyUnit> DistributionKeyUnits => db.Set<DistributionKeyUnit>();
        public DbSet<ChargeAllocation> ChargeAllocations => db.Set<ChargeAllocation>();
    }
}
