namespace KoproGo.Data.Configurations;

public sealed class CallForFundsConfiguration : IEntityTypeConfiguration<CallForFunds>
{
    public void Configure(EntityTypeBuilder<CallForFunds> b)
    {
        b.ToTable("calls_for_funds", t => t.HasCheckConstraint("ck_calls_for_funds_amounts", "ordinary >= 0 AND extraordinary >= 0 AND reserve >= 0"));
        b.Ignore(x => x.Total);
        b.HasIndex(x => new { x.BuildingId, x.CallDate });
        // a slot of a budget's schedule is called once (a cancelled draft frees it)
        b.HasIndex(x => new { x.BudgetId, x.Period, x.BudgetSlot }).IsUnique().HasFilter("budget_id IS NOT NULL AND status <> 'Cancelled'");
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.CallId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<JournalEntry>().WithMany().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CallLineConfiguration : IEntityTypeConfiguration<CallLine>
{
    public void Configure(EntityTypeBuilder<CallLine> b)
    {
        b.ToTable("call_lines", t =>
        {
            t.HasCheckConstraint("ck_call_lines_paid", "paid >= 0 AND paid <= total");
            t.HasCheckConstraint("ck_call_lines_paid_reserve", "paid_reserve >= 0 AND paid_reserve <= reserve AND paid_reserve <= paid");
        });
        b.Property(x => x.StructuredCommunication).HasMaxLength(21);
        b.Property(x => x.ReserveCommunication).HasMaxLength(21);
        b.Property(x => x.Version).IsRowVersion();   // PostgreSQL xmin: a lost update fails instead of losing a payment
        b.Ignore(x => x.Open);
        // the bank statement names the line by it: never two lines with the same communication
        b.HasIndex(x => x.StructuredCommunication).IsUnique();
        b.HasIndex(x => x.ReserveCommunication).IsUnique().HasFilter("reserve_communication IS NOT NULL");
        b.HasIndex(x => x.OwnerId);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.PdfFileId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CallSendingConfiguration : IEntityTypeConfiguration<CallSending>
{
    public void Configure(EntityTypeBuilder<CallSending> b)
    {
        b.ToTable("call_sendings");
        b.HasKey(x => x.CallId);
        b.Property(x => x.QueuedBy).HasMaxLength(450);
        b.Ignore(x => x.Running);
        b.HasOne<CallForFunds>().WithOne().HasForeignKey<CallSending>(x => x.CallId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> b)
    {
        b.ToTable("payments", t => t.HasCheckConstraint("ck_payments_amount", "amount > 0"));
        b.HasIndex(x => x.BuildingId).HasFilter("transfer_due > 0 AND transfer_entry_id IS NULL");
        b.HasIndex(x => new { x.BuildingId, x.OwnerId });
        b.HasOne<JournalEntry>().WithMany().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class BankTransactionConfiguration : IEntityTypeConfiguration<BankTransaction>
{
    public void Configure(EntityTypeBuilder<BankTransaction> b)
    {
        b.ToTable("bank_transactions");
        b.Property(x => x.ImportKey).HasMaxLength(64);
        b.Property(x => x.FileName).HasMaxLength(BankTransaction.TextMax);
        b.Property(x => x.StructuredCommunication).HasMaxLength(12);
        b.Property(x => x.Communication).HasMaxLength(BankTransaction.TextMax);
        b.Property(x => x.CounterpartyName).HasMaxLength(BankTransaction.TextMax);
        b.Property(x => x.CounterpartyAccount).HasMaxLength(BankTransaction.TextMax);
        b.HasIndex(x => x.EntryId).HasFilter("entry_id IS NOT NULL");
        // a movement is imported once, whatever file brings it
        b.HasIndex(x => x.ImportKey).IsUnique();
        b.HasIndex(x => new { x.BuildingId, x.Status });
    }
}

public sealed class ReminderConfiguration : IEntityTypeConfiguration<Reminder>
{
    public void Configure(EntityTypeBuilder<Reminder> b)
    {
        b.ToTable("reminders");
        b.Property(x => x.TrackingNumber).HasMaxLength(Reminder.TrackingMax);
        b.Ignore(x => x.Total);
        // each step once per line, whoever runs the job
        b.HasIndex(x => new { x.CallLineId, x.Level }).IsUnique();
        b.HasIndex(x => x.BuildingId);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.LetterFileId).OnDelete(DeleteBehavior.Restrict);
        // not references: a copy for the queries: the reminder refers to its call line
        b.Property(x => x.BuildingId).NotAForeignKey();
    }
}

public sealed class LegalInterestRateConfiguration : IEntityTypeConfiguration<LegalInterestRate>
{
    public void Configure(EntityTypeBuilder<LegalInterestRate> b)
    {
        b.ToTable("legal_interest_rates");
        b.HasKey(x => x.Year);
        b.Property(x => x.Year).ValueGeneratedNever();
        b.Property(x => x.RatePercent).HasPrecision(6, 3);
        b.HasData(new LegalInterestRate { Year = 2025, RatePercent = 4.5m }, new LegalInterestRate { Year = 2026, RatePercent = 4.5m });
    }
}
