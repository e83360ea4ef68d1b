namespace KoproGo.Data.Configurations;

public sealed class RoleInvitationConfiguration : IEntityTypeConfiguration<RoleInvitation>
{
    public void Configure(EntityTypeBuilder<RoleInvitation> b)
    {
        b.ToTable("role_invitations");
        b.Property(x => x.InvitedByUserId).HasMaxLength(64);
        // one open invitation per person and role: two syndics clicking at once make one
        b.HasIndex(x => new { x.UserId, x.OrganisationId, x.Role, x.BuildingId, x.OwnerId }).IsUnique().AreNullsDistinct(false)
            .HasFilter("accepted_at IS NULL AND declined_at IS NULL AND revoked_at IS NULL");
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Owner>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Cascade);
        // not references: the building a role is offered for, checked when it is accepted
        b.Property(x => x.BuildingId).NotAForeignKey();
    }
}
