namespace KoproGo.Data.Configurations;

public sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(x => x.TotpSecret).HasMaxLength(200);
        b.Property(x => x.TotpPendingSecret).HasMaxLength(200);
    }
}

public sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> b)
    {
        b.ToTable("memberships");
        b.HasIndex(x => new { x.UserId, x.OrganisationId, x.Role, x.BuildingId }).IsUnique().AreNullsDistinct(false);
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> b)
    {
        b.ToTable("invitations");
        b.Property(x => x.TokenHash).HasMaxLength(64);
        b.Property(x => x.InvitedByUserId).HasMaxLength(64);
        b.HasIndex(x => x.TokenHash).IsUnique();
        // only the latest link of an owner works: a second open one is refused by the database, also under a race
        b.HasIndex(x => x.OwnerId).IsUnique().HasFilter("accepted_at IS NULL AND revoked_at IS NULL");
    }
}
