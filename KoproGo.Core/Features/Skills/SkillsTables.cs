
namespace KoproGo.Core.Features.Skills;

/// <summary>The Skills feature's tables, as its use cases (and others') reach them through <see cref="IKoproGoDb"/>.</summary>
public static class SkillsTables
{
    extension(IKoproGoDb db)
    {
        public DbSet<Skill> Skills => db.Set<Skill>();
        public DbSet<Endorsement> Endorsements => db.Set<Endorsement>();
        public DbSet<TimeExchange> TimeExchanges => db.Set<TimeExchange>();
    }
}
