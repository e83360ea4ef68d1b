using KoproGo.Core.Features.UserAccounts;

namespace KoproGo.Data.Configurations;

public sealed class TicketConfiguration : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> b)
    {
        b.ToTable("tickets", t =>
        {
            t.HasCheckConstraint("ck_tickets_rating", "rating IS NULL OR rating BETWEEN 1 AND 5");
            t.HasCheckConstraint("ck_tickets_photos", $"cardinality(photo_file_ids) <= {Ticket.MaxPhotos}");
            t.HasCheckConstraint("ck_tickets_assigned", "status NOT IN ('Assigned', 'InProgress') OR contractor_user_id IS NOT NULL OR external_contractor_name IS NOT NULL");
        });
        b.Property(x => x.Title).HasMaxLength(Ticket.TitleMax);
        b.Property(x => x.Description).HasMaxLength(Ticket.DescriptionMax);
        b.Property(x => x.CancelReason).HasMaxLength(Ticket.ReasonMax);
        b.Property(x => x.ExternalContractorName).HasMaxLength(WorkReportLink.NameMax);
        b.HasIndex(x => new { x.BuildingId, x.CreatedAt });
        b.HasIndex(x => x.ReporterUserId);
        b.HasIndex(x => x.ContractorUserId);
        b.HasOne<Building>().WithMany().HasForeignKey(x => x.BuildingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        // an erased account keeps its tickets (the building's history), anonymised by the erasure
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.ReporterUserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.ContractorUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class TicketCommentConfiguration : IEntityTypeConfiguration<TicketComment>
{
    public void Configure(EntityTypeBuilder<TicketComment> b)
    {
        b.ToTable("ticket_comments");
        b.Property(x => x.Text).HasMaxLength(TicketComment.TextMax);
        b.HasIndex(x => new { x.TicketId, x.CreatedAt });
        b.HasOne<Ticket>().WithMany().HasForeignKey(x => x.TicketId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.AuthorUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class WorkReportConfiguration : IEntityTypeConfiguration<WorkReport>
{
    public void Configure(EntityTypeBuilder<WorkReport> b)
    {
        b.ToTable("work_reports", t => t.HasCheckConstraint("ck_work_reports_time", "ended_at > started_at AND hours > 0"));
        b.Property(x => x.WorkDone).HasMaxLength(WorkReport.WorkDoneMax);
        b.Property(x => x.RejectReason).HasMaxLength(WorkReport.ReasonMax);
        b.Property(x => x.Hours).HasPrecision(7, 2);
        b.Property(x => x.MaterialsTotal).HasPrecision(18, 2);
        // the materials as the report's own list (jsonb): written and read with the report, never alone
        b.OwnsMany(x => x.Materials, m => m.ToJson());
        // one account of the job per ticket
        b.HasIndex(x => x.TicketId).IsUnique();
        b.HasOne<Ticket>().WithMany().HasForeignKey(x => x.TicketId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.ContractorUserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.DecidedByUserId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.BuildingId).NotAForeignKey();
    }
}

public sealed class WorkReportLinkConfiguration : IEntityTypeConfiguration<WorkReportLink>
{
    public void Configure(EntityTypeBuilder<WorkReportLink> b)
    {
        b.ToTable("work_report_links");
        b.Property(x => x.ContractorName).HasMaxLength(WorkReportLink.NameMax);
        b.Property(x => x.Email).HasMaxLength(TextLengths.Email);
        b.Property(x => x.TokenHash).HasMaxLength(64);
        b.HasIndex(x => x.TokenHash).IsUnique();
        // one live link per ticket: sending a new one revokes the last, in the same transaction
        b.HasIndex(x => x.TicketId).IsUnique().HasFilter("used_at IS NULL AND revoked_at IS NULL");
        b.HasOne<Ticket>().WithMany().HasForeignKey(x => x.TicketId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.CreatedByUserId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.BuildingId).NotAForeignKey();
    }
}
