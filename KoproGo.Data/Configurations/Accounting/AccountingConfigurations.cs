namespace KoproGo.Data.Configurations;

public sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> b)
    {
        b.ToTable("accounts");
        b.Ignore(x => x.Class);
        b.HasIndex(x => new { x.OrganisationId, x.Code }).IsUnique();
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class FiscalYearConfiguration : IEntityTypeConfiguration<FiscalYear>
{
    public void Configure(EntityTypeBuilder<FiscalYear> b)
    {
        b.ToTable("fiscal_years");
        b.Ignore(x => x.Label);
        b.Ignore(x => x.IsClosed);
        b.HasIndex(x => new { x.BuildingId, x.StartDate }).IsUnique();
    }
}

public sealed class JournalEntryConfiguration : IEntityTypeConfiguration<JournalEntry>
{
    public void Configure(EntityTypeBuilder<JournalEntry> b)
    {
        b.ToTable("journal_entries");
        b.Property(x => x.Reference).HasMaxLength(30);
        // the gapless numbering, also as a constraint: one number per year and journal (0 = numbered at COMMIT, see
        // DatabaseRules.EntryNumbering)
        b.HasIndex(x => new { x.FiscalYearId, x.Journal, x.Number }).IsUnique().HasFilter("number > 0");
        b.HasIndex(x => new { x.BuildingId, x.Date });
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<JournalEntry>().WithMany().HasForeignKey(x => x.ReversalOfId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<JournalEntry>().WithMany().HasForeignKey(x => x.ReversedById).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class JournalLineConfiguration : IEntityTypeConfiguration<JournalLine>
{
    public void Configure(EntityTypeBuilder<JournalLine> b)
    {
        b.ToTable("journal_lines", t => t.HasCheckConstraint("ck_journal_lines_one_side",
            "(debit > 0 AND credit = 0) OR (credit > 0 AND debit = 0)"));
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.HasIndex(x => x.EntryId);
        b.HasIndex(x => x.AccountId);
        b.HasIndex(x => x.OwnerId);
        b.HasIndex(x => new { x.FiscalYearId, x.AccountId, x.Date }).IncludeProperties(x => new { x.Debit, x.Credit });
        // not references: a copy of its entry's year, for the balance index
        b.Property(x => x.FiscalYearId).NotAForeignKey();
    }
}

public sealed class JournalCounterConfiguration : IEntityTypeConfiguration<JournalCounter>
{
    public void Configure(EntityTypeBuilder<JournalCounter> b)
    {
        b.ToTable("journal_counters");
        b.HasKey(x => new { x.FiscalYearId, x.Journal });
    }
}

public sealed class SupplierConfiguration : IEntityTypeConfiguration<Supplier>
{
    public void Configure(EntityTypeBuilder<Supplier> b)
    {
        b.ToTable("suppliers");
        b.HasIndex(x => new { x.OrganisationId, x.Name });
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class DistributionKeyConfiguration : IEntityTypeConfiguration<DistributionKey>
{
    public void Configure(EntityTypeBuilder<DistributionKey> b)
    {
        b.ToTable("distribution_keys");
        b.HasIndex(x => x.BuildingId);
        b.HasMany(x => x.Units).WithOne().HasForeignKey(x => x.KeyId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class DistributionKeyUnitConfiguration : IEntityTypeConfiguration<DistributionKeyUnit>
{
    public void Configure(EntityTypeBuilder<DistributionKeyUnit> b)
    {
        b.ToTable("distribution_key_units", t => t.HasCheckConstraint("ck_distribution_key_units_weight", "weight > 0"));
        b.HasKey(x => new { x.KeyId, x.UnitId });
        b.Property(x => x.Weight).HasPrecision(12, 4);
    }
}

public sealed class SupplierInvoiceConfiguration : IEntityTypeConfiguration<SupplierInvoice>
{
    public void Configure(EntityTypeBuilder<SupplierInvoice> b)
    {
        b.ToTable("supplier_invoices");
        b.Property(x => x.Version).IsRowVersion();
        b.Property(x => x.RejectionReason).HasMaxLength(SupplierInvoice.ReasonMax);
        b.Ignore(x => x.TotalExclVat);
        b.Ignore(x => x.TotalVat);
        b.Ignore(x => x.TotalInclVat);
        b.HasIndex(x => new { x.BuildingId, x.Status });
        // the same supplier invoice is not booked twice
        b.HasIndex(x => new { x.BuildingId, x.SupplierId, x.Number }).IsUnique();
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<JournalEntry>().WithMany().HasForeignKey(x => x.PurchaseEntryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<JournalEntry>().WithMany().HasForeignKey(x => x.PaymentEntryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<WorkReport>().WithMany().HasForeignKey(x => x.WorkReportId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class InvoiceLineConfiguration : IEntityTypeConfiguration<InvoiceLine>
{
    public void Configure(EntityTypeBuilder<InvoiceLine> b)
    {
        b.ToTable("invoice_lines");
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.Property(x => x.VatRate).HasPrecision(5, 2);
    }
}

public sealed class ChargeAllocationConfiguration : IEntityTypeConfiguration<ChargeAllocation>
{
    public void Configure(EntityTypeBuilder<ChargeAllocation> b)
    {
        b.ToTable("charge_allocations");
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.HasIndex(x => x.InvoiceId);
        b.HasIndex(x => x.OwnerId);
        b.HasOne<SupplierInvoice>().WithMany().HasForeignKey(x => x.InvoiceId).OnDelete(DeleteBehavior.Restrict);
    }
}
