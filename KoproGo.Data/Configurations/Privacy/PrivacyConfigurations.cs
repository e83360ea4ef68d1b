using KoproGo.Core.Features.Privacy;
using KoproGo.Core.Features.UserAccounts;

namespace KoproGo.Data.Configurations;

public sealed class ConsentRecordConfiguration : IEntityTypeConfiguration<ConsentRecord>
{
    public void Configure(EntityTypeBuilder<ConsentRecord> b)
    {
        b.ToTable("consent_records");
        b.Property(x => x.Version).HasMaxLength(ConsentRecord.VersionMax);
        b.Property(x => x.Ip).HasMaxLength(ConsentRecord.IpMax);
        b.HasIndex(x => new { x.UserId, x.Document, x.Version });
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
