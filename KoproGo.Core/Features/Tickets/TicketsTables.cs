namespace KoproGo.Core.Features.Tickets;

/// <summary>The Tickets feature's tables, as its use cases (and others') reach them through <see cref="IKoproGoDb"/>.</summary>
public static class TicketsTables
{
    extension(IKoproGoDb db)
    {
        public DbSet<Ticket> Tickets => db.Set<Ticket>();
        public DbSet<TicketComment> TicketComments => db.Set<TicketComment>();
        public DbSet<WorkReport> WorkReports => db.Set<WorkReport>();
        public DbSet<WorkReportLink> WorkReportLinks => db.Set<WorkReportLink>();
    }
}
