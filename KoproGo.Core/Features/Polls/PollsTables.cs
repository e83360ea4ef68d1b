
namespace KoproGo.Core.Features.Polls;

/// <summary>The Polls feature's tables, as its use cases (and others') reach them through <see cref="IKoproGoDb"/>.</summary>
public static class PollsTables
{
    extension(IKoproGoDb db)
    {
        public DbSet<Poll> Polls => db.Set<Poll>();
        public DbSet<PollOption> PollOptions => db.Set<PollOption>();
        public DbSet<PollParticipation> PollParticipations => db.Set<PollParticipation>();
        public DbSet<PollBallot> PollBallots => db.Set<PollBallot>();
    }
}
