namespace KoproGo.Data.Configurations;

public sealed class BackupCodeConfiguration : IEntityTypeConfiguration<BackupCode>
{
    public void Configure(EntityTypeBuilder<BackupCode> b)
    {
        b.ToTable("backup_codes");
        b.Property(x => x.Hash).HasMaxLength(120);
        b.HasIndex(x => x.UserId);
    }
}

public sealed class TwoFactorFailureConfiguration : IEntityTypeConfiguration<TwoFactorFailure>
{
    public void Configure(EntityTypeBuilder<TwoFactorFailure> b)
    {
        b.ToTable("two_factor_failures");
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.HasIndex(x => new { x.UserId, x.At });
    }
}
