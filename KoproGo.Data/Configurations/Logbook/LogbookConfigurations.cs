using KoproGo.Core.Features.UserAccounts;

namespace KoproGo.Data.Configurations;

public sealed class WarrantyConfiguration : IEntityTypeConfiguration<Warranty>
{
    public void Configure(EntityTypeBuilder<Warranty> b)
    {
        b.ToTable("warranties", t => t.HasCheckConstraint("ck_warranties_end", "ends_on > accepted_on"));
        b.Property(x => x.Subject).HasMaxLength(Warranty.SubjectMax);
        b.Property(x => x.Contractor).HasMaxLength(Warranty.ContractorMax);
        b.HasIndex(x => new { x.BuildingId, x.EndsOn });
        // the daily job's question: which ones end soon and were not announced
        b.HasIndex(x => x.EndsOn).HasFilter("notice_sent_at IS NULL");
        b.HasOne<Building>().WithMany().HasForeignKey(x => x.BuildingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Ticket>().WithMany().HasForeignKey(x => x.TicketId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.CreatedByUserId).OnDelete(DeleteBehavior.Restrict);
    }
}
