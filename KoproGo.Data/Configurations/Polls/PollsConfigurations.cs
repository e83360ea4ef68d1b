namespace KoproGo.Data.Configurations;

public sealed class PollConfiguration : IEntityTypeConfiguration<Poll>
{
    public void Configure(EntityTypeBuilder<Poll> b)
    {
        b.ToTable("polls");
        b.Property(x => x.CreatedBy).HasMaxLength(450);
        b.Ignore(x => x.HasOptions);
        b.HasIndex(x => new { x.BuildingId, x.Status });
        b.HasIndex(x => new { x.Status, x.EndsAt });
        b.HasMany(x => x.Options).WithOne().HasForeignKey(x => x.PollId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PollOptionConfiguration : IEntityTypeConfiguration<PollOption>
{
    public void Configure(EntityTypeBuilder<PollOption> b)
    {
        b.ToTable("poll_options");
        b.Property(x => x.Text).HasMaxLength(Poll.OptionMax);
        b.HasIndex(x => new { x.PollId, x.Position }).IsUnique();
    }
}

public sealed class PollParticipationConfiguration : IEntityTypeConfiguration<PollParticipation>
{
    public void Configure(EntityTypeBuilder<PollParticipation> b)
    {
        // one vote per owner and poll: the key itself
        b.ToTable("poll_participations");
        b.HasKey(x => new { x.PollId, x.OwnerId });
        b.HasIndex(x => x.OwnerId);
        b.HasOne<Poll>().WithMany().HasForeignKey(x => x.PollId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PollBallotConfiguration : IEntityTypeConfiguration<PollBallot>
{
    public void Configure(EntityTypeBuilder<PollBallot> b)
    {
        b.ToTable("poll_ballots", t => t.HasCheckConstraint("ck_poll_ballots_rating", "rating IS NULL OR rating BETWEEN 1 AND 5"));
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Answer).HasMaxLength(Poll.AnswerMax);
        b.HasIndex(x => x.PollId);
        b.HasOne<Poll>().WithMany().HasForeignKey(x => x.PollId).OnDelete(DeleteBehavior.Cascade);
    }
}
