namespace KoproGo.Data.Configurations;

public sealed class SkillConfiguration : IEntityTypeConfiguration<Skill>
{
    public void Configure(EntityTypeBuilder<Skill> b)
    {
        b.ToTable("skills", t => t.HasCheckConstraint("ck_skills_years", "years_of_experience BETWEEN 0 AND 70"));
        b.HasIndex(x => new { x.BuildingId, x.Type });
        b.HasIndex(x => x.OwnerId);
    }
}

public sealed class EndorsementConfiguration : IEntityTypeConfiguration<Endorsement>
{
    public void Configure(EntityTypeBuilder<Endorsement> b)
    {
        // one endorsement per person and skill: the key
        b.ToTable("endorsements");
        b.HasKey(x => new { x.SkillId, x.OwnerId });
        b.HasOne<Skill>().WithMany().HasForeignKey(x => x.SkillId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class TimeExchangeConfiguration : IEntityTypeConfiguration<TimeExchange>
{
    public void Configure(EntityTypeBuilder<TimeExchange> b)
    {
        b.ToTable("time_exchanges", t =>
        {
            t.HasCheckConstraint("ck_time_exchanges_hours", "hours >= 0.5 AND hours <= 24");
            t.HasCheckConstraint("ck_time_exchanges_not_self", "provider_id <> receiver_id");
        });
        b.Property(x => x.Hours).HasPrecision(5, 1);
        b.HasIndex(x => new { x.ProviderId, x.Status });
        b.HasIndex(x => new { x.ReceiverId, x.Status });
        b.HasOne<Owner>().WithMany().HasForeignKey(x => x.ProviderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Owner>().WithMany().HasForeignKey(x => x.ReceiverId).OnDelete(DeleteBehavior.Restrict);
        // not references: a copy for the queries: the exchange refers to its skill
        b.Property(x => x.BuildingId).NotAForeignKey();
    }
}
