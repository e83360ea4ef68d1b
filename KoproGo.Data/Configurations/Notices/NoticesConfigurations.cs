namespace KoproGo.Data.Configurations;

public sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> b)
    {
        b.ToTable("notices", t =>
        {
            t.HasCheckConstraint("ck_notices_for_sale_price", "category <> 'ForSale' OR price > 0");
            t.HasCheckConstraint("ck_notices_event", "category <> 'Event' OR (event_at IS NOT NULL AND place IS NOT NULL)");
        });
        b.Property(x => x.AuthorName).HasMaxLength(200);
        b.Property(x => x.AuthorUserId).HasMaxLength(450);
        b.HasIndex(x => new { x.OrganisationId, x.BuildingId, x.Status });
        b.HasIndex(x => new { x.Status, x.ExpiresAt });
    }
}

public sealed class NoticeCommentConfiguration : IEntityTypeConfiguration<NoticeComment>
{
    public void Configure(EntityTypeBuilder<NoticeComment> b)
    {
        b.ToTable("notice_comments");
        b.Property(x => x.RemovedReason).HasMaxLength(NoticeComment.ReasonMax);
        b.Property(x => x.AuthorName).HasMaxLength(200);
        b.Property(x => x.AuthorUserId).HasMaxLength(450);
        b.Ignore(x => x.IsRemoved);
        b.HasIndex(x => x.NoticeId);
        b.HasOne<Notice>().WithMany().HasForeignKey(x => x.NoticeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<NoticeComment>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
