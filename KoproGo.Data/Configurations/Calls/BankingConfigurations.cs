namespace KoproGo.Data.Configurations;

public sealed class PaymentAllocationConfiguration : IEntityTypeConfiguration<PaymentAllocation>
{
    public void Configure(EntityTypeBuilder<PaymentAllocation> b)
    {
        b.ToTable("payment_allocations", t => t.HasCheckConstraint("ck_payment_allocations_amount", "amount > 0"));
        b.HasIndex(x => x.CallLineId);
        b.HasIndex(x => x.PaymentId);
    }
}

public sealed class OwnerBankAccountConfiguration : IEntityTypeConfiguration<OwnerBankAccount>
{
    public void Configure(EntityTypeBuilder<OwnerBankAccount> b)
    {
        b.ToTable("owner_bank_accounts");
        b.HasIndex(x => new { x.OwnerId, x.Iban }).IsUnique();
        b.HasIndex(x => x.Iban);
        b.HasOne<Owner>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ImportedStatementConfiguration : IEntityTypeConfiguration<ImportedStatement>
{
    public void Configure(EntityTypeBuilder<ImportedStatement> b)
    {
        b.ToTable("bank_statements");
        b.Property(x => x.FileName).HasMaxLength(BankTransaction.TextMax);
        b.Property(x => x.OldBalance).HasPrecision(14, 2);
        b.Property(x => x.NewBalance).HasPrecision(14, 2);
        b.HasIndex(x => new { x.BuildingId, x.Date });
    }
}

public sealed class ArrearsChargeConfiguration : IEntityTypeConfiguration<ArrearsCharge>
{
    public void Configure(EntityTypeBuilder<ArrearsCharge> b)
    {
        b.ToTable("arrears_charges");
        b.HasIndex(x => x.CallLineId);
        b.HasOne<KoproGo.Core.Features.Accounting.JournalEntry>().WithMany().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Restrict);
        // not references: copies for the queries: the charge refers to its call line
        b.Property(x => x.BuildingId).NotAForeignKey();
        b.Property(x => x.OwnerId).NotAForeignKey();
    }
}
