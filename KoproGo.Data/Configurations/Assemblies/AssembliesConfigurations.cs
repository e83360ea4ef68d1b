namespace KoproGo.Data.Configurations;

public sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> b)
    {
        b.ToTable("meetings");
        b.Ignore(x => x.IsSecondSession);
        b.HasIndex(x => new { x.BuildingId, x.StartsAt });
        // at most one live second session per meeting without quorum
        b.HasIndex(x => x.FirstSessionId).IsUnique().HasFilter("first_session_id IS NOT NULL AND status <> 'Cancelled'");
        b.HasOne<Meeting>().WithMany().HasForeignKey(x => x.FirstSessionId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.MinutesSha256).HasMaxLength(64);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.MinutesFileId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.SignedMinutesFileId).OnDelete(DeleteBehavior.Restrict);
        // the minutes' deadline job looks for closed meetings not yet sent
        b.HasIndex(x => x.ClosedAt).HasFilter("status = 'Closed'");
    }
}

public sealed class AgendaItemConfiguration : IEntityTypeConfiguration<AgendaItem>
{
    public void Configure(EntityTypeBuilder<AgendaItem> b)
    {
        b.ToTable("agenda_items", t => t.HasCheckConstraint("ck_agenda_items_position", "position > 0"));
        b.HasIndex(x => new { x.MeetingId, x.Position }).IsUnique();
        b.Property(x => x.VotesFor).HasPrecision(18, 4);
        b.Property(x => x.VotesAgainst).HasPrecision(18, 4);
        b.Property(x => x.VotesAbstained).HasPrecision(18, 4);
    }
}

public sealed class AttendanceConfiguration : IEntityTypeConfiguration<Attendance>
{
    public void Configure(EntityTypeBuilder<Attendance> b)
    {
        b.ToTable("attendances", t => t.HasCheckConstraint("ck_attendances_left_after_arrival", "left_at IS NULL OR left_at >= arrived_at"));
        // present once at a time: a second arrival before the departure is refused by the database
        b.HasIndex(x => new { x.MeetingId, x.OwnerId }).IsUnique().HasFilter("left_at IS NULL");
    }
}

public sealed class ProxyConfiguration : IEntityTypeConfiguration<Proxy>
{
    public void Configure(EntityTypeBuilder<Proxy> b)
    {
        b.ToTable("proxies", t => t.HasCheckConstraint("ck_proxies_not_self", "grantor_owner_id <> holder_owner_id"));
        b.Property(x => x.CreatedBy).HasMaxLength(450);
        b.HasIndex(x => new { x.MeetingId, x.GrantorOwnerId }).IsUnique();
        b.HasIndex(x => new { x.MeetingId, x.HolderOwnerId });
        b.HasOne<Owner>().WithMany().HasForeignKey(x => x.GrantorOwnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Owner>().WithMany().HasForeignKey(x => x.HolderOwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ItemBallotConfiguration : IEntityTypeConfiguration<ItemBallot>
{
    public void Configure(EntityTypeBuilder<ItemBallot> b)
    {
        // one ballot per owner and item: the key itself (a changed vote replaces it)
        b.ToTable("item_ballots", t => t.HasCheckConstraint("ck_item_ballots_shares", "shares > 0"));
        b.HasKey(x => new { x.AgendaItemId, x.OwnerId });
        b.Property(x => x.CastBy).HasMaxLength(450);
        b.HasOne<Owner>().WithMany().HasForeignKey(x => x.VoterOwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ConvocationConfiguration : IEntityTypeConfiguration<Convocation>
{
    public void Configure(EntityTypeBuilder<Convocation> b)
    {
        b.ToTable("convocations");
        b.HasIndex(x => new { x.MeetingId, x.OwnerId }).IsUnique();
        b.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class MinutesSignatureConfiguration : IEntityTypeConfiguration<MinutesSignature>
{
    public void Configure(EntityTypeBuilder<MinutesSignature> b)
    {
        b.ToTable("minutes_signatures");
        b.Property(x => x.UserId).HasMaxLength(450);
        b.Property(x => x.Name).HasMaxLength(MinutesSignature.NameMax);
        b.Property(x => x.Ip).HasMaxLength(64);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        // a user signs once; the president and the secretary sign once each; an owner present once
        b.HasIndex(x => new { x.MeetingId, x.UserId }).IsUnique();
        b.HasIndex(x => new { x.MeetingId, x.Role }).IsUnique().HasFilter("role IN ('President', 'Secretary')");
        b.HasIndex(x => new { x.MeetingId, x.OwnerId }).IsUnique().HasFilter("owner_id IS NOT NULL");
    }
}

public sealed class ProxyInstructionConfiguration : IEntityTypeConfiguration<ProxyInstruction>
{
    public void Configure(EntityTypeBuilder<ProxyInstruction> b)
    {
        b.ToTable("proxy_instructions");
        // one instruction per proxy and item
        b.HasKey(x => new { x.ProxyId, x.AgendaItemId });
        b.HasOne<Proxy>().WithMany().HasForeignKey(x => x.ProxyId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AgendaItem>().WithMany().HasForeignKey(x => x.AgendaItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class MandateConfiguration : IEntityTypeConfiguration<Mandate>
{
    public void Configure(EntityTypeBuilder<Mandate> b)
    {
        b.ToTable("mandates", t => t.HasCheckConstraint("ck_mandates_period", "ends_on > starts_on"));
        // one decision, one mandate: closing an item twice cannot give two
        b.HasIndex(x => x.AgendaItemId).IsUnique();
        b.HasIndex(x => new { x.BuildingId, x.Kind, x.StartsOn });
        b.HasOne<AgendaItem>().WithMany().HasForeignKey(x => x.AgendaItemId).OnDelete(DeleteBehavior.Restrict);
        // a role revoked by hand leaves nothing for the term's end to withdraw
        b.HasOne<Membership>().WithMany().HasForeignKey(x => x.GrantedMembershipId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class OccupantObservationConfiguration : IEntityTypeConfiguration<OccupantObservation>
{
    public void Configure(EntityTypeBuilder<OccupantObservation> b)
    {
        b.ToTable("occupant_observations");
        b.Property(x => x.Text).HasMaxLength(OccupantObservation.TextMax);
        b.Property(x => x.AuthorName).HasMaxLength(200);
        b.HasIndex(x => new { x.MeetingId, x.CreatedAt });
        b.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AssemblySettingsConfiguration : IEntityTypeConfiguration<AssemblySettings>
{
    public void Configure(EntityTypeBuilder<AssemblySettings> b)
    {
        b.ToTable("assembly_settings", t =>
        {
            t.HasCheckConstraint("ck_assembly_settings_period", "(period_month IS NULL) = (period_day IS NULL) AND (period_month IS NULL OR period_month BETWEEN 1 AND 12 AND period_day BETWEEN 1 AND 31)");
            t.HasCheckConstraint("ck_assembly_settings_convocation", "convocation_days >= 15");
        });
        b.HasKey(x => x.BuildingId);
        b.Ignore(x => x.Period);
        b.HasOne<Building>().WithOne().HasForeignKey<AssemblySettings>(x => x.BuildingId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AgendaProposalConfiguration : IEntityTypeConfiguration<AgendaProposal>
{
    public void Configure(EntityTypeBuilder<AgendaProposal> b)
    {
        b.ToTable("agenda_proposals");
        b.Ignore(x => x.IsPending);
        b.Property(x => x.Title).HasMaxLength(AgendaProposal.TitleMax);
        b.Property(x => x.Text).HasMaxLength(AgendaProposal.TextMax);
        b.Property(x => x.AuthorName).HasMaxLength(200);
        b.HasIndex(x => new { x.BuildingId, x.DueFrom });
        // an item carries one proposal; taking the item off a draft agenda puts the proposal back in the queue
        b.HasIndex(x => x.AgendaItemId).IsUnique().HasFilter("agenda_item_id IS NOT NULL");
        b.HasOne<AgendaItem>().WithMany().HasForeignKey(x => x.AgendaItemId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class AssemblyRequestConfiguration : IEntityTypeConfiguration<AssemblyRequest>
{
    public void Configure(EntityTypeBuilder<AssemblyRequest> b)
    {
        b.ToTable("assembly_requests");
        b.Ignore(x => x.ConveneBy);
        b.Property(x => x.Reason).HasMaxLength(AssemblyRequest.ReasonMax);
        b.HasIndex(x => new { x.BuildingId, x.CreatedAt });
        // the deadline job looks for requests that stand
        b.HasIndex(x => x.ReachedAt).HasFilter("reached_at IS NOT NULL AND overdue_at IS NULL");
        b.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class AssemblyRequestSignatureConfiguration : IEntityTypeConfiguration<AssemblyRequestSignature>
{
    public void Configure(EntityTypeBuilder<AssemblyRequestSignature> b)
    {
        b.ToTable("assembly_request_signatures", t => t.HasCheckConstraint("ck_assembly_request_signatures_shares", "shares >= 0"));
        // one signature per owner and request, whatever the clicks
        b.HasKey(x => new { x.RequestId, x.OwnerId });
        b.Property(x => x.Name).HasMaxLength(200);
        b.HasOne<AssemblyRequest>().WithMany().HasForeignKey(x => x.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class WrittenProcedureConfiguration : IEntityTypeConfiguration<WrittenProcedure>
{
    public void Configure(EntityTypeBuilder<WrittenProcedure> b)
    {
        b.ToTable("written_procedures");
        b.Property(x => x.Title).HasMaxLength(WrittenProcedure.TitleMax);
        b.Property(x => x.Text).HasMaxLength(WrittenProcedure.TextMax);
        b.HasIndex(x => new { x.BuildingId, x.OpenedAt });
    }
}

public sealed class WrittenAnswerConfiguration : IEntityTypeConfiguration<WrittenAnswer>
{
    public void Configure(EntityTypeBuilder<WrittenAnswer> b)
    {
        b.ToTable("written_answers", t => t.HasCheckConstraint("ck_written_answers_answered", "(agrees IS NULL) = (answered_at IS NULL)"));
        // each co-owner asked once, answering once
        b.HasKey(x => new { x.ProcedureId, x.OwnerId });
        b.Property(x => x.Name).HasMaxLength(200);
        b.HasOne<WrittenProcedure>().WithMany().HasForeignKey(x => x.ProcedureId).OnDelete(DeleteBehavior.Cascade);
    }
}
