using KoproGo.Core.Common;
using KoproGo.Core.Features.Audit;
using KoproGo.Core.Features.Notices;
using KoproGo.Core.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.IntegrationTests;

[Collection(DatabaseCollection.Name)]
public class NoticeTests(DatabaseFixture fx)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private INoticeService Notices => fx.Get<INoticeService>();

    private static NoticeInput Sale(string title = "Vélo d'enfant") => new() { Category = NoticeCategory.ForSale, Title = title, Body = "Bon état, 16 pouces.", Price = 40m };

    [Fact]
    public async Task Board_ShowsTheBuildingsAndTheOrganisationsNotices_ToItsResidentsOnly()
    {
        var w = await World.CreateAsync(fx, Ct);
        var sale = (await Notices.SaveAsync(w.OwnerActorA, w.BuildingA, null, Sale(), Ct)).Value;
        Assert.Equal(Errors.NotFound, (await Notices.GetAsync(w.TenantA, w.BuildingA, sale, Ct)).FirstError!.Code);        // a draft is its author's
        Assert.True((await Notices.PublishAsync(w.OwnerActorA, sale, Ct)).Succeeded);
        var everywhere = (await Notices.SaveAsync(w.Syndic, w.BuildingA, null, new NoticeInput { Category = NoticeCategory.Announcement, Title = "Coupure d'eau", Body = "Mardi de 9 h à 12 h.", AllBuildings = true }, Ct)).Value;
        Assert.True((await Notices.PublishAsync(w.Syndic, everywhere, Ct)).Succeeded);

        Assert.Equal(["Coupure d'eau", "Vélo d'enfant"], (await Notices.ListAsync(w.TenantA, w.BuildingA, Ct)).Value.Select(n => n.Title).Order());
        Assert.Equal(["Coupure d'eau"], (await Notices.ListAsync(w.OwnerActorB, w.BuildingB, Ct)).Value.Select(n => n.Title));   // building B: only the organisation's
        Assert.Equal(Errors.NotFound, (await Notices.GetAsync(w.OwnerActorB, w.BuildingB, sale, Ct)).FirstError!.Code);
        Assert.Equal(Errors.NotFound, (await Notices.ListAsync((await World.CreateAsync(fx, Ct)).OwnerActorA, w.BuildingA, Ct)).FirstError!.Code);
    }

    [Fact]
    public async Task BadNotices_AreRefused_AndNothingIsSaved()
    {
        var w = await World.CreateAsync(fx, Ct);
        async Task<string> Refused(Actor a, NoticeInput i) => (await Notices.SaveAsync(a, w.BuildingA, null, i, Ct)).FirstError!.Code;
        Assert.Equal("error.notice_price", await Refused(w.OwnerActorA, Sale().Let(i => i.Price = null)));
        Assert.Equal("error.notice_price", await Refused(w.OwnerActorA, Sale().Let(i => i.Price = 0m)));
        Assert.Equal("error.notice_event_date", await Refused(w.OwnerActorA, new NoticeInput { Category = NoticeCategory.Event, Title = "Fête des voisins", Body = "Venez !", Place = "Cour" }));
        Assert.Equal("error.notice_event_place", await Refused(w.OwnerActorA, new NoticeInput { Category = NoticeCategory.Event, Title = "Fête", Body = "Venez !", EventAt = fx.Clock.GetUtcNow().AddDays(5) }));
        Assert.Equal("error.too_many_photos", await Refused(w.OwnerActorA, Sale().Let(i => i.PhotoFileIds = [.. Enumerable.Range(0, 6).Select(_ => Guid.NewGuid())])));
        Assert.Equal("error.file_not_image", await Refused(w.OwnerActorA, Sale().Let(i => i.PhotoFileIds = [Guid.NewGuid()])));
        Assert.Equal("error.notice_syndic_only", await Refused(w.OwnerActorA, new NoticeInput { Category = NoticeCategory.Announcement, Title = "x", Body = "y" }));
        Assert.Equal(Errors.NotFound, await Refused(w.Contractor, Sale()));            // does not live in the building
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        Assert.False(await db.Notices.AnyAsync(n => n.OrganisationId == w.OrganisationId, Ct));
    }

    [Fact]
    public async Task Comments_ReplyEditDelete_AndTheSyndicModeratesWithAReason()
    {
        var w = await World.CreateAsync(fx, Ct);
        var sale = (await Notices.SaveAsync(w.OwnerActorA, w.BuildingA, null, Sale(), Ct)).Value;
        Assert.Equal(Errors.NotFound, (await Notices.CommentAsync(w.TenantA, w.BuildingA, sale, null, "Encore dispo ?", Ct)).FirstError!.Code);   // a draft: not on the board yet
        Assert.True((await Notices.PublishAsync(w.OwnerActorA, sale, Ct)).Succeeded);
        var question = (await Notices.CommentAsync(w.TenantA, w.BuildingA, sale, null, "Encore disponible ?", Ct)).Value;
        Assert.True((await Notices.CommentAsync(w.OwnerActorA, w.BuildingA, sale, question, "Oui !", Ct)).Succeeded);
        Assert.Equal(Errors.TooLong, (await Notices.CommentAsync(w.TenantA, w.BuildingA, sale, null, new string('x', 1_001), Ct)).FirstError!.Code);
        Assert.Equal(Errors.NotFound, (await Notices.EditCommentAsync(w.OwnerActorA, question, "changé", Ct)).FirstError!.Code);      // not theirs
        Assert.True((await Notices.EditCommentAsync(w.TenantA, question, "Toujours disponible ?", Ct)).Succeeded);
        Assert.Equal(Errors.Required, (await Notices.RemoveCommentAsync(w.Syndic, question, " ", Ct)).FirstError!.Code);
        Assert.True((await Notices.RemoveCommentAsync(w.Syndic, question, "Hors sujet", Ct)).Succeeded);
        var detail = (await Notices.GetAsync(w.OwnerActorA, w.BuildingA, sale, Ct)).Value;
        var removed = detail.Comments.Single(c => c.Id == question);
        Assert.Equal((true, "", "Hors sujet"), (removed.Removed, removed.Body, removed.RemovedReason));
        Assert.Equal("Oui !", detail.Comments.Single(c => c.ParentId == question).Body);
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        Assert.True(await db.Notifications.AnyAsync(n => n.UserId == w.TenantA.UserId && n.TextKey == "notify.comment_removed", Ct));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "notice.comment_removed" && a.EntityId == question.ToString(), Ct));
    }

    [Fact]
    public async Task ExpiryJob_TakesExpiredNoticesOffTheBoard_Once()
    {
        var w = await World.CreateAsync(fx, Ct);
        var id = (await Notices.SaveAsync(w.OwnerActorA, w.BuildingA, null, Sale().Let(i => i.ExpiresAt = fx.Clock.GetUtcNow().AddHours(1)), Ct)).Value;
        Assert.True((await Notices.PublishAsync(w.OwnerActorA, id, Ct)).Succeeded);
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct))
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE notices SET expires_at = expires_at - interval '2 hours' WHERE id = {id}", Ct);
        // two runs at once (two instances): the notice expires once, with one audit entry
        await Task.WhenAll(fx.Get<NoticeExpiryJob>().RunAsync(Ct), fx.Get<NoticeExpiryJob>().RunAsync(Ct));
        Assert.Equal(0, await fx.Get<NoticeExpiryJob>().RunAsync(Ct));
        Assert.DoesNotContain((await Notices.ListAsync(w.TenantA, w.BuildingA, Ct)).Value, n => n.Id == id);
        await using var check = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.Action == "notice.expired" && a.EntityId == id.ToString(), Ct));
    }
}
