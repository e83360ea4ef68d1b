using KoproGo.Core.Features.Assemblies;
using KoproGo.Core.Features.Bookings;
using KoproGo.Core.Features.Library;
using KoproGo.Core.Features.Notices;
using KoproGo.Core.Features.Polls;
using KoproGo.Core.Features.Skills;

namespace KoproGo.Core.Features.Privacy;

/// <summary>
/// What the community features hold about a person: notices and comments they wrote (under their name), polls they
/// took part in (named answers only; an anonymous ballot is nobody's), bookings, loans and skills of their owner records.
/// Erasure keeps the texts (neighbours replied to them) under the pseudonym, and removes the skills offered.
/// </summary>
public sealed class CommunityPersonalData : IPersonalDataContributor
{
    public string Section => "community";

    public async Task<object?> ExportAsync(IKoproGoDb db, DataSubject subject, CancellationToken ct)
    {
        var owners = subject.OwnerIds.ToList();
        return new
        {
            Notices = await db.Notices.AsNoTracking().Where(n => n.AuthorUserId == subject.UserId)
                .Select(n => new { n.Title, n.Body, Category = n.Category.ToString(), n.Price, n.EventAt, n.Place, n.CreatedAt, n.PublishedAt }).ToListAsync(ct),
            Comments = await db.NoticeComments.AsNoTracking().Where(c => c.AuthorUserId == subject.UserId).Select(c => new { c.Body, c.CreatedAt, c.EditedAt }).ToListAsync(ct),
            AssemblyObservations = await db.OccupantObservations.AsNoTracking().Where(o => o.UserId == subject.UserId).Select(o => new { o.Text, o.CreatedAt }).ToListAsync(ct),
            AgendaProposals = await db.AgendaProposals.AsNoTracking().Where(p => p.UserId == subject.UserId).Select(p => new { p.Title, p.Text, p.ReceivedAt, p.WithdrawnAt }).ToListAsync(ct),
            AssemblyRequestsSigned = await (from s in db.AssemblyRequestSignatures.AsNoTracking()
                                            join r in db.AssemblyRequests on s.RequestId equals r.Id
                                            where s.UserId == subject.UserId
                                            select new { r.Reason, s.Shares, s.SignedAt }).ToListAsync(ct),
            WrittenDecisionAnswers = await (from a in db.WrittenAnswers.AsNoTracking()
                                            join p in db.WrittenProcedures on a.ProcedureId equals p.Id
                                            where owners.Contains(a.OwnerId) && a.Agrees != null
                                            select new { p.Title, a.Agrees, a.AnsweredAt, a.OnPaper }).ToListAsync(ct),
            Polls = await (from p in db.PollParticipations.AsNoTracking()
                           join poll in db.Polls on p.PollId equals poll.Id
                           where owners.Contains(p.OwnerId)
                           select new { poll.Title, p.VotedAt, poll.Anonymous }).ToListAsync(ct),
            NamedBallots = await (from b in db.PollBallots.AsNoTracking()
                                  join poll in db.Polls on b.PollId equals poll.Id
                                  join o in db.PollOptions on poll.Id equals o.PollId into options
                                  where b.OwnerId != null && owners.Contains(b.OwnerId.Value)
                                  select new { poll.Title, Options = options.Where(o => b.OptionIds.Contains(o.Id)).Select(o => o.Text).ToList(), b.Rating, b.Answer }).ToListAsync(ct),
            Bookings = await (from b in db.Bookings.AsNoTracking()
                              join r in db.Resources on b.ResourceId equals r.Id
                              where owners.Contains(b.OwnerId)
                              select new { r.Name, b.StartsAt, b.EndsAt, Status = b.Status.ToString(), b.Price, b.Note }).ToListAsync(ct),
            Loans = await (from l in db.Loans.AsNoTracking()
                           join o in db.SharedObjects on l.ObjectId equals o.Id
                           where owners.Contains(l.BorrowerId) || owners.Contains(l.LenderId)
                           select new { o.Name, Lent = owners.Contains(l.LenderId), Status = l.Status.ToString(), l.LentOn, l.DueOn, l.ReturnedOn, l.Message }).ToListAsync(ct),
            Objects = await db.SharedObjects.AsNoTracking().Where(o => owners.Contains(o.OwnerId)).Select(o => new { o.Name, o.Description, o.Conditions }).ToListAsync(ct),
            Skills = await db.Skills.AsNoTracking().Where(s => owners.Contains(s.OwnerId)).Select(s => new { s.Title, s.Description, Level = s.Level.ToString() }).ToListAsync(ct),
        };
    }

    /// <summary>An object lent out or borrowed must come back first.</summary>
    public async Task<IReadOnlyList<ErasureBlocker>> BlockersAsync(IKoproGoDb db, DataSubject subject, DateOnly today, CancellationToken ct)
    {
        var owners = subject.OwnerIds.ToList();
        var open = await db.Loans.CountAsync(l => l.Status == LoanStatus.OnLoan && (owners.Contains(l.BorrowerId) || owners.Contains(l.LenderId)), ct);
        return open == 0 ? [] : [new ErasureBlocker("privacy.blocker.loans", open)];
    }

    /// <summary>Their notices, comments, bookings, loans, skills and objects: what moderation and loan audit entries point to.</summary>
    public async Task<IReadOnlyList<string>> ReferencesAsync(IKoproGoDb db, DataSubject subject, CancellationToken ct)
    {
        var owners = subject.OwnerIds.ToList();
        var ids = new List<Guid>();
        ids.AddRange(await db.Notices.Where(n => n.AuthorUserId == subject.UserId).Select(n => n.Id).ToListAsync(ct));
        ids.AddRange(await db.NoticeComments.Where(c => c.AuthorUserId == subject.UserId).Select(c => c.Id).ToListAsync(ct));
        ids.AddRange(await db.Bookings.Where(b => owners.Contains(b.OwnerId)).Select(b => b.Id).ToListAsync(ct));
        ids.AddRange(await db.Loans.Where(l => owners.Contains(l.BorrowerId)).Select(l => l.Id).ToListAsync(ct));
        ids.AddRange(await db.Skills.Where(s => owners.Contains(s.OwnerId)).Select(s => s.Id).ToListAsync(ct));
        ids.AddRange(await db.SharedObjects.Where(o => owners.Contains(o.OwnerId)).Select(o => o.Id).ToListAsync(ct));
        return ids.Select(i => i.ToString()).ToList();
    }

    public async Task AnonymiseAsync(IKoproGoDb db, DataSubject subject, string pseudonym, DateTimeOffset now, CancellationToken ct)
    {
        var owners = subject.OwnerIds.ToList();
        await db.Notices.Where(n => n.AuthorUserId == subject.UserId).ExecuteUpdateAsync(s => s.SetProperty(n => n.AuthorName, pseudonym), ct);
        await db.NoticeComments.Where(c => c.AuthorUserId == subject.UserId).ExecuteUpdateAsync(s => s.SetProperty(c => c.AuthorName, pseudonym), ct);
        await db.OccupantObservations.Where(o => o.UserId == subject.UserId).ExecuteUpdateAsync(s => s.SetProperty(o => o.AuthorName, pseudonym), ct);
        // what they proposed or signed stays (the syndic's file of the assembly), under the pseudonym
        await db.AgendaProposals.Where(p => p.UserId == subject.UserId).ExecuteUpdateAsync(s => s.SetProperty(p => p.AuthorName, pseudonym), ct);
        await db.AssemblyRequestSignatures.Where(r => r.UserId == subject.UserId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Name, pseudonym), ct);
        await db.WrittenAnswers.Where(a => owners.Contains(a.OwnerId)).ExecuteUpdateAsync(s => s.SetProperty(a => a.Name, pseudonym), ct);
        await db.Bookings.Where(b => owners.Contains(b.OwnerId)).ExecuteUpdateAsync(s => s.SetProperty(b => b.Note, (string?)null), ct);
        await db.Loans.Where(l => owners.Contains(l.BorrowerId)).ExecuteUpdateAsync(s => s.SetProperty(l => l.Message, (string?)null), ct);
        var skills = db.Skills.Where(s => owners.Contains(s.OwnerId)).Select(s => s.Id);
        await db.Endorsements.Where(e => skills.Contains(e.SkillId)).ExecuteDeleteAsync(ct);
        await db.TimeExchanges.Where(e => skills.Contains(e.SkillId) && e.Status == Skills.ExchangeStatus.Requested)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, Skills.ExchangeStatus.Cancelled), ct);
        await db.Skills.Where(s => owners.Contains(s.OwnerId) && !db.Set<TimeExchange>().Any(e => e.SkillId == s.Id)).ExecuteDeleteAsync(ct);
        await db.SharedObjects.Where(o => owners.Contains(o.OwnerId) && o.Status == ObjectStatus.Available)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, ObjectStatus.Unavailable), ct);
    }
}
