using KoproGo.Core.Common;
using KoproGo.Core.Features.Audit;
using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Files;
using KoproGo.Core.Features.Library;
using KoproGo.Core.Features.Owners;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.IntegrationTests;

[Collection(DatabaseCollection.Name)]
public class LibraryTests(DatabaseFixture fx)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private ILibraryService Library => fx.Get<ILibraryService>();

    private async Task<World> SetUpAsync()
    {
        var w = await World.CreateAsync(fx, Ct);
        await w.GiveOwnerBLotA9Async(fx, Ct);
        return w;
    }

    private async Task<Guid> OfferAsync(World w, Actor lender, string name, int days = 7) =>
        (await Library.OfferAsync(lender, w.BuildingA, null, new SharedObjectInput { Name = name, MaxLoanDays = days, Deposit = 20m }, Ct)).Value;

    [Fact]
    public async Task Loan_RequestApproveHandOverReturnRate_WithTheRulesOnTheWay()
    {
        var w = await SetUpAsync();
        var drill = await OfferAsync(w, w.OwnerActorA, "Foreuse", days: 3);
        Assert.Equal("error.loan_own", (await Library.RequestAsync(w.OwnerActorA, drill, null, Ct)).FirstError!.Code);
        Assert.Equal("error.library_not_owner", (await Library.RequestAsync(w.TenantA, drill, null, Ct)).FirstError!.Code);
        Assert.Equal(Errors.NotFound, (await Library.RequestAsync((await World.CreateAsync(fx, Ct)).OwnerActorA, drill, null, Ct)).FirstError!.Code);

        var loan = (await Library.RequestAsync(w.OwnerActorB, drill, "Pour ce week-end", Ct)).Value;
        Assert.Equal("error.loan_already_requested", (await Library.RequestAsync(w.OwnerActorB, drill, null, Ct)).FirstError!.Code);
        Assert.Equal(Errors.Forbidden, (await Library.ApproveAsync(w.OwnerActorB, loan, Ct)).FirstError!.Code);       // the borrower cannot approve
        Assert.Equal("error.loan_rate_after_return", (await Library.RateAsync(w.OwnerActorA, loan, 5, Ct)).FirstError!.Code);
        Assert.True((await Library.ApproveAsync(w.OwnerActorA, loan, Ct)).Succeeded);
        Assert.True((await Library.HandOverAsync(w.OwnerActorA, loan, Ct)).Succeeded);
        var lent = (await Library.MyLoansAsync(w.OwnerActorB, Ct)).Single();
        Assert.Equal((LoanStatus.OnLoan, LoanSide.Borrower, fx.Clock.Today().AddDays(3)), (lent.Status, lent.Side, lent.DueOn));
        Assert.Equal(ObjectStatus.OnLoan, (await Library.ObjectsAsync(w.OwnerActorB, w.BuildingA, null, Ct)).Value.Single().Status);
        Assert.Equal("error.object_status", (await Library.SetAvailableAsync(w.OwnerActorA, drill, false, Ct)).FirstError!.Code);

        Assert.True((await Library.ValidateReturnAsync(w.OwnerActorA, loan, Ct)).Succeeded);
        Assert.Equal("error.vote_rating", (await Library.RateAsync(w.OwnerActorA, loan, 6, Ct)).FirstError!.Code);
        Assert.True((await Library.RateAsync(w.OwnerActorA, loan, 5, Ct)).Succeeded);
        Assert.Equal("error.loan_rate_after_return", (await Library.RateAsync(w.OwnerActorA, loan, 4, Ct)).FirstError!.Code);   // once
        var done = (await Library.MyLoansAsync(w.OwnerActorA, Ct)).Single();
        Assert.Equal((LoanStatus.Returned, true, 5), (done.Status, done.DepositReturned, done.Rating));
        Assert.Equal(new MostBorrowed("Foreuse", 1), Assert.Single((await Library.MostBorrowedAsync(w.OwnerActorB, w.BuildingA, Ct)).Value));
        Assert.Single((await Library.HistoryAsync(w.OwnerActorA, drill, Ct)).Value);
        Assert.Equal(Errors.NotFound, (await Library.HistoryAsync(w.OwnerActorB, drill, Ct)).FirstError!.Code);
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        Assert.Equal(["loan.approved", "loan.onloan", "loan.returned", "loan.rated"],
            await db.AuditEntries.Where(a => a.EntityId == loan.ToString()).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync(Ct));
    }

    [Fact]
    public async Task AFourthBorrowing_IsRefused_EvenInParallel()
    {
        var w = await SetUpAsync();
        var objects = new List<Guid>();
        for (var i = 0; i < 5; i++)
            objects.Add(await OfferAsync(w, w.OwnerActorA, $"Livre {i}"));
        var attempts = await Task.WhenAll(objects.Select(o => Task.Run(() => fx.Get<ILibraryService>().RequestAsync(w.OwnerActorB, o, null, Ct))));
        Assert.Equal(3, attempts.Count(a => a.Succeeded));
        Assert.All(attempts.Where(a => !a.Succeeded), a => Assert.Equal("error.loan_limit", a.FirstError!.Code));
    }

    [Fact]
    public async Task OverdueReminders_FromTheDayAfterTheDueDate_OncePerDay_ToBothSides()
    {
        var w = await SetUpAsync();
        var ladder = await OfferAsync(w, w.OwnerActorA, "Échelle", days: 1);
        var loan = (await Library.RequestAsync(w.OwnerActorB, ladder, null, Ct)).Value;
        Assert.True((await Library.ApproveAsync(w.OwnerActorA, loan, Ct)).Succeeded);
        Assert.True((await Library.HandOverAsync(w.OwnerActorA, loan, Ct)).Succeeded);
        var job = fx.Get<OverdueLoanReminderJob>();
        async Task DueInDaysAsync(int days)
        {
            await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE loans SET due_on = {fx.Clock.Today().AddDays(days)}, last_reminder_on = NULL WHERE id = {loan}", Ct);
        }
        await DueInDaysAsync(0);                      // due today: not late yet
        Assert.Equal(0, await job.RunAsync(Ct));
        await DueInDaysAsync(-1);                     // due yesterday: reminded, once today however often the job runs
        var runs = await Task.WhenAll(job.RunAsync(Ct), fx.Get<OverdueLoanReminderJob>().RunAsync(Ct));
        Assert.Equal(1, runs.Sum());
        Assert.Equal(0, await job.RunAsync(Ct));
        Assert.True((await Library.MyLoansAsync(w.OwnerActorB, Ct)).Single().Overdue);
        await using var check = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        Assert.Equal(fx.Clock.Today(), (await check.Loans.SingleAsync(l => l.Id == loan, Ct)).LastReminderOn);
    }

    [Fact]
    public async Task Photos_AreImagesOfTheBuilding_AtMostFive()
    {
        var w = await SetUpAsync();
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        var files = fx.Get<IFileService>();
        var photo = (await files.UploadAsync(w.OwnerActorA, w.BuildingA, new MemoryStream(png), "drill.png", FileUse.CommunityPhoto, Ct)).Value;
        var pdf = await files.UploadAsync(w.OwnerActorA, w.BuildingA, new MemoryStream("%PDF-1.4\n%%EOF"u8.ToArray()), "notice.pdf", FileUse.CommunityPhoto, Ct);
        Assert.Equal("error.file_not_image", pdf.FirstError!.Code);
        Assert.True((await Library.OfferAsync(w.OwnerActorA, w.BuildingA, null, new SharedObjectInput { Name = "Foreuse", PhotoFileIds = [photo] }, Ct)).Succeeded);
        Assert.Equal("error.too_many_photos", (await Library.OfferAsync(w.OwnerActorA, w.BuildingA, null, new SharedObjectInput { Name = "x", PhotoFileIds = [.. Enumerable.Range(0, 6).Select(_ => Guid.NewGuid())] }, Ct)).FirstError!.Code);
        Assert.Equal("error.file_not_image", (await Library.OfferAsync(w.OwnerActorA, w.BuildingA, null, new SharedObjectInput { Name = "x", PhotoFileIds = [Guid.NewGuid()] }, Ct)).FirstError!.Code);
        Assert.True((await files.OpenAsync(w.OwnerActorB, photo, Ct)).Succeeded);                  // a neighbour sees it
    }
}
