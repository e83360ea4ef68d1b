
namespace KoproGo.Core.Features.Notices;

/// <summary>The Notices feature's tables, as its use cases (and others') reach them through <see cref="IKoproGoDb"/>.</summary>
public static class NoticesTables
{
    extension(IKoproGoDb db)
    {
        public DbSet<Notice> Notices => db.Set<Notice>();
        public DbSet<NoticeComment> NoticeComments => db.Set<NoticeComment>();
    }
}
