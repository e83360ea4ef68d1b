namespace KoproGo.Data.Configurations;

public sealed class NotaryRequestConfiguration : IEntityTypeConfiguration<NotaryRequest>
{
    public void Configure(EntityTypeBuilder<NotaryRequest> b)
    {
        b.ToTable("notary_requests", t =>
        {
            t.HasCheckConstraint("ck_notary_requests_language", "language IN ('fr-BE', 'nl-BE')");
            t.HasCheckConstraint("ck_notary_requests_generated", "status NOT IN ('Generated', 'Delivered') OR (pack_file_id IS NOT NULL AND reference_date IS NOT NULL)");
        });
        b.Property(x => x.NotaryName).HasMaxLength(NotaryRequest.NameMax);
        b.Property(x => x.NotaryEmail).HasMaxLength(TextLengths.Email);
        b.Property(x => x.BuyerName).HasMaxLength(NotaryRequest.NameMax);
        b.Property(x => x.Language).HasMaxLength(5);
        b.Property(x => x.CancelReason).HasMaxLength(NotaryRequest.ReasonMax);
        b.Ignore(x => x.DueOn);
        b.Ignore(x => x.IsOpen);
        // the syndic's statements per section, written and read with the request (jsonb)
        b.OwnsMany(x => x.Statements, s => s.ToJson());
        b.HasIndex(x => new { x.OrganisationId, x.Status });
        b.HasIndex(x => x.BuildingId);
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Building>().WithMany().HasForeignKey(x => x.BuildingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.PackFileId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class LegalCaseConfiguration : IEntityTypeConfiguration<LegalCase>
{
    public void Configure(EntityTypeBuilder<LegalCase> b)
    {
        b.ToTable("legal_cases", t =>
        {
            t.HasCheckConstraint("ck_legal_cases_dates", "closed_on IS NULL OR closed_on >= opened_on");
            t.HasCheckConstraint("ck_legal_cases_amount", "amount_at_stake IS NULL OR amount_at_stake >= 0");
        });
        b.Property(x => x.Subject).HasMaxLength(LegalCase.SubjectMax);
        b.Property(x => x.Counterparty).HasMaxLength(LegalCase.PartyMax);
        b.Property(x => x.Court).HasMaxLength(LegalCase.CourtMax);
        b.Property(x => x.AmountAtStake).HasPrecision(18, 2);
        b.HasIndex(x => x.BuildingId);
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Building>().WithMany().HasForeignKey(x => x.BuildingId).OnDelete(DeleteBehavior.Cascade);
    }
}
