namespace KoproGo.Core.Features.Assemblies;

/// <summary>The Assemblies feature's tables, as its use cases (and others') reach them through <see cref="IKoproGoDb"/>.</summary>
public static class AssembliesTables
{
    extension(IKoproGoDb db)
    {
        public DbSet<Meeting> Meetings => db.Set<Meeting>();
        public DbSet<AgendaItem> AgendaItems => db.Set<AgendaItem>();
        public DbSet<Attendance> Attendances => db.Set<Attendance>();
        public DbSet<Proxy> Proxies => db.Set<Proxy>();
        public DbSet<ProxyInstruction> ProxyInstructions => db.Set<ProxyInstruction>();
        public DbSet<Mandate> Mandates => db.Set<Mandate>();
        public DbSet<OccupantObservation> OccupantObservations => db.Set<OccupantObservation>();
        public DbSet<ItemBallot> ItemBallots => db.Set<ItemBallot>();
        public DbSet<Convocation> Convocations => db.Set<Convocation>();
        public DbSet<MinutesSignature> MinutesSignatures => db.Set<MinutesSignature>();
        public DbSet<AssemblySettings> AssemblySettings => db.Set<AssemblySettings>();
        public DbSet<AgendaProposal> AgendaProposals => db.Set<AgendaProposal>();
        public DbSet<AssemblyRequest> AssemblyRequests => db.Set<AssemblyRequest>();
        public DbSet<AssemblyRequestSignature> AssemblyRequestSignatures => db.Set<AssemblyRequestSignature>();
        public DbSet<WrittenProcedure> WrittenProcedures => db.Set<WrittenProcedure>();
        public DbSet<WrittenAnswer> WrittenAnswers => db.Set<WrittenAnswer>();
    }
}
