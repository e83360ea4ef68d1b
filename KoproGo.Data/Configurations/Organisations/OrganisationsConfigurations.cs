using KoproGo.Core.Features.Organisations;

namespace KoproGo.Data.Configurations;

public sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.ToTable("organisations");
        b.Property(x => x.Name).HasMaxLength(Organisation.NameMax);
        b.Property(x => x.EnterpriseNumber).HasMaxLength(12);
        b.Property(x => x.ContactEmail).HasMaxLength(254);
        b.Property(x => x.Phone).HasMaxLength(40);
        b.Property(x => x.EmergencyPhone).HasMaxLength(40);
        b.Property(x => x.ApprovalNumber).HasMaxLength(40);
        b.Property(x => x.Address).HasMaxLength(Organisation.ContactMax);
        b.Property(x => x.OfficeHours).HasMaxLength(Organisation.OfficeHoursMax);
    }
}
