namespace KoproGo.Data.Configurations;

public sealed class SharedObjectConfiguration : IEntityTypeConfiguration<SharedObject>
{
    public void Configure(EntityTypeBuilder<SharedObject> b)
    {
        b.ToTable("shared_objects", t => t.HasCheckConstraint("ck_shared_objects_loan_days", "max_loan_days BETWEEN 1 AND 90"));
        b.Property(x => x.Description).HasMaxLength(SharedObject.TextMax);
        b.Property(x => x.Conditions).HasMaxLength(SharedObject.TextMax);
        b.HasIndex(x => new { x.BuildingId, x.Category });
        b.HasIndex(x => x.OwnerId);
    }
}

public sealed class LoanConfiguration : IEntityTypeConfiguration<Loan>
{
    public void Configure(EntityTypeBuilder<Loan> b)
    {
        b.ToTable("loans", t =>
        {
            t.HasCheckConstraint("ck_loans_rating", "rating IS NULL OR (rating BETWEEN 1 AND 5 AND status = 'Returned')");
            t.HasCheckConstraint("ck_loans_not_own", "borrower_id <> lender_id");
        });
        // one open request or loan per borrower and object
        b.HasIndex(x => new { x.ObjectId, x.BorrowerId }).IsUnique().HasFilter("status IN ('Requested', 'Approved', 'OnLoan')");
        b.HasIndex(x => new { x.BorrowerId, x.Status });
        b.HasIndex(x => new { x.Status, x.DueOn });
        b.HasIndex(x => x.LenderId);
        b.HasOne<SharedObject>().WithMany().HasForeignKey(x => x.ObjectId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Owner>().WithMany().HasForeignKey(x => x.BorrowerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Owner>().WithMany().HasForeignKey(x => x.LenderId).OnDelete(DeleteBehavior.Restrict);
        // not references: a copy for the queries: the loan refers to its object
        b.Property(x => x.BuildingId).NotAForeignKey();
    }
}
