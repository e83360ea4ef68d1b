namespace KoproGo.Data.Configurations;

public sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.ToTable("organisations");
        b.Property(x => x.ApprovalNumber).HasMaxLength(40);
        b.Property(x => x.Address).HasMaxLength(Organisation.ContactMax);
    }
}
