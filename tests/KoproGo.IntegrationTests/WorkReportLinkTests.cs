using KoproGo.Core.Common;
using KoproGo.Core.Features.Audit;
using KoproGo.Core.Features.Notifications;
using KoproGo.Core.Features.Tickets;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.IntegrationTests;

/// <summary>
/// The work-report link of SPEC §6.3: a contractor without an account files the report of one ticket through a link
/// that holds 72 hours and serves once. Only its hash is stored; opening it uses nothing; sending the report uses it,
/// decided by the database when two sends race; a new link, an assignment to an account or the syndic kills the old one.
/// </summary>
[Collection(DatabaseCollection.Name)]
public class WorkReportLinkTests(DatabaseFixture fx)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private IWorkReportLinkService Links => fx.Get<IWorkReportLinkService>();
    private IWorkReportService Reports => fx.Get<IWorkReportService>();

    private WorkReportInput Report(string work = "Siphon de l'évier remplacé, écoulement contrôlé.") => new()
    {
        WorkDone = work,
        StartedAt = fx.Clock.GetUtcNow().AddHours(-3),
        EndedAt = fx.Clock.GetUtcNow().AddHours(-1),
        Hours = 2m,
        Materials = [new MaterialInput { Name = "Siphon PVC", Quantity = 1m, UnitPrice = 12.40m }, new MaterialInput { Name = "Joints", Quantity = 3m, UnitPrice = 0.85m }],
    };

    private static string TokenOf(string url) => url[(url.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..];

    private async Task<Guid> TicketAsync(World w, string title = "Évier bouché au 2e")
    {
        var result = await fx.Get<ITicketService>().ReportAsync(w.OwnerActorA, w.BuildingA, new TicketInput { Category = TicketCategory.Plumbing, Title = title, Description = "L'eau ne s'écoule plus." }, Ct);
        return result.Value;
    }

    [Fact]
    public async Task TheSyndicSendsALink_TheContractorFilesTheReportOnce_TheSyndicApprovesIt()
    {
        var w = await World.CreateAsync(fx, Ct);
        var ticket = await TicketAsync(w);
        Assert.Equal("ContractorName", (await Links.IssueAsync(w.Syndic, ticket, new WorkReportLinkInput { Email = "x@example.be" }, Ct)).FirstError!.Field);
        Assert.Equal("Email", (await Links.IssueAsync(w.Syndic, ticket, new WorkReportLinkInput { ContractorName = "Plomberie Léon", Email = "pas une adresse" }, Ct)).FirstError!.Field);
        Assert.Equal(ErrorKind.Forbidden, (await Links.IssueAsync(w.BoardMemberA, ticket, new WorkReportLinkInput { ContractorName = "Plomberie Léon" }, Ct)).FirstError!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await Links.IssueAsync(w.TenantA, ticket, new WorkReportLinkInput { ContractorName = "Plomberie Léon" }, Ct)).FirstError!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Links.IssueAsync(w.OwnerActorA, ticket, new WorkReportLinkInput { ContractorName = "Plomberie Léon" }, Ct)).FirstError!.Kind);

        var url = (await Links.IssueAsync(w.Syndic, ticket, new WorkReportLinkInput { ContractorName = "Plomberie Léon", Email = "Leon@Plomberie.example.be", Language = "nl-BE" }, Ct)).Value;
        var token = TokenOf(url);
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct))
        {
            // the database holds the token's hash, never the token; the mail carries it, in Dutch, marked secret
            var link = await db.WorkReportLinks.SingleAsync(l => l.TicketId == ticket, Ct);
            Assert.Equal(SecretToken.Hash(token), link.TokenHash);
            Assert.DoesNotContain(token, link.TokenHash, StringComparison.Ordinal);
            Assert.Equal(fx.Clock.GetUtcNow().AddHours(72), link.ExpiresAt);
            var mail = await db.OutboxEmails.SingleAsync(m => m.ToAddress == "leon@plomberie.example.be", Ct);
            Assert.True(mail.ContainsSecret);
            Assert.Contains(url, mail.TextBody, StringComparison.Ordinal);
            Assert.Contains("Deze link dient één keer", mail.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain(token, mail.ShownBody, StringComparison.Ordinal);
            var t = await db.Tickets.SingleAsync(x => x.Id == ticket, Ct);
            Assert.Equal((TicketStatus.Assigned, "Plomberie Léon", (string?)null), (t.Status, t.ExternalContractorName, t.ContractorUserId));
        }
        Assert.Equal("Plomberie Léon", (await fx.Get<ITicketService>().GetAsync(w.Syndic, ticket, Ct)).Value.Row.ContractorName);
        Assert.Equal(WorkReportLinkState.Open, (await Links.LastAsync(w.Syndic, ticket, Ct)).Value!.State);

        // opening shows the job and uses nothing — twice, as a mail scanner would
        var job = (await Links.OpenAsync(token, Ct)).Value;
        Assert.Equal(("Évier bouché au 2e", "Plomberie Léon"), (job.Title, job.ContractorName));
        Assert.True((await Links.OpenAsync(token, Ct)).Succeeded);

        // a bad report saves nothing and leaves the link alive
        Assert.Equal("WorkDone", (await Links.SubmitAsync(token, Report(""), Ct)).FirstError!.Field);
        Assert.True((await Links.OpenAsync(token, Ct)).Succeeded);

        Assert.True((await Links.SubmitAsync(token, Report(), Ct)).Succeeded);
        var report = (await Reports.GetAsync(w.Syndic, ticket, Ct)).Value!;
        Assert.Equal((WorkReportStatus.Submitted, 14.95m), (report.Status, report.MaterialsTotal));
        Assert.Equal(WorkReportLinkState.Used, (await Links.LastAsync(w.Syndic, ticket, Ct)).Value!.State);
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct))
        {
            Assert.Equal(TicketStatus.InProgress, await db.Tickets.Where(t => t.Id == ticket).Select(t => t.Status).SingleAsync(Ct));
            Assert.Equal(1, await db.Notifications.CountAsync(n => n.UserId == w.Syndic.UserId && n.TextKey == "notify.work_report_submitted", Ct));
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "work_report.submitted" && a.BuildingId == w.BuildingA && a.Details!.StartsWith("Plomberie Léon"), Ct));
        }

        // used: it neither opens nor files again
        Assert.Equal("error.report_link_invalid", (await Links.OpenAsync(token, Ct)).FirstError!.Code);
        Assert.Equal("error.report_link_invalid", (await Links.SubmitAsync(token, Report("Autre chose"), Ct)).FirstError!.Code);
        Assert.Equal("error.report_link_report_filed", (await Links.IssueAsync(w.Syndic, ticket, new WorkReportLinkInput { ContractorName = "Plomberie Léon" }, Ct)).FirstError!.Code);

        // rejected, a new link lets the contractor correct it, with the reason shown and the report filled in
        Assert.True((await Reports.RejectAsync(w.Syndic, ticket, "Le prix du siphon manque sur la facture.", Ct)).Succeeded);
        var again = TokenOf((await Links.IssueAsync(w.Syndic, ticket, new WorkReportLinkInput { ContractorName = "Plomberie Léon" }, Ct)).Value);
        var reopened = (await Links.OpenAsync(again, Ct)).Value;
        Assert.Equal("Le prix du siphon manque sur la facture.", reopened.RejectReason);
        Assert.Equal(2, reopened.Report!.Materials.Count);
        Assert.True((await Links.SubmitAsync(again, Report("Siphon remplacé ; ticket de caisse joint."), Ct)).Succeeded);
        Assert.True((await Reports.ApproveAsync(w.Syndic, ticket, Ct)).Succeeded);
        Assert.Equal(WorkReportStatus.Approved, (await Reports.GetAsync(w.Syndic, ticket, Ct)).Value!.Status);
    }

    [Fact]
    public async Task ALink_DiesAfter72Hours_WhenReplaced_WhenRevoked_AndWhenTheJobGoesToAnAccount()
    {
        var w = await World.CreateAsync(fx, Ct);
        var ticket = await TicketAsync(w);
        var first = TokenOf((await Links.IssueAsync(w.Syndic, ticket, new WorkReportLinkInput { ContractorName = "Plomberie Léon" }, Ct)).Value);
        fx.Clock.Advance(TimeSpan.FromHours(71));
        Assert.True((await Links.OpenAsync(first, Ct)).Succeeded);
        fx.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal("error.report_link_invalid", (await Links.OpenAsync(first, Ct)).FirstError!.Code);
        Assert.Equal("error.report_link_invalid", (await Links.SubmitAsync(first, Report(), Ct)).FirstError!.Code);
        Assert.Equal(WorkReportLinkState.Expired, (await Links.LastAsync(w.Syndic, ticket, Ct)).Value!.State);

        // a second link replaces the first; the syndic revokes it (sent to the wrong number)
        var second = TokenOf((await Links.IssueAsync(w.Syndic, ticket, new WorkReportLinkInput { ContractorName = "Plomberie Léon" }, Ct)).Value);
        var third = TokenOf((await Links.IssueAsync(w.Syndic, ticket, new WorkReportLinkInput { ContractorName = "Sanitaire Dupont" }, Ct)).Value);
        Assert.Equal("error.report_link_invalid", (await Links.OpenAsync(second, Ct)).FirstError!.Code);
        Assert.Equal("Sanitaire Dupont", (await Links.OpenAsync(third, Ct)).Value.ContractorName);
        Assert.Equal(ErrorKind.Forbidden, (await Links.RevokeAsync(w.BoardMemberA, ticket, Ct)).FirstError!.Kind);
        Assert.True((await Links.RevokeAsync(w.Syndic, ticket, Ct)).Succeeded);
        Assert.Equal("error.report_link_none", (await Links.RevokeAsync(w.Syndic, ticket, Ct)).FirstError!.Code);
        Assert.Equal("error.report_link_invalid", (await Links.OpenAsync(third, Ct)).FirstError!.Code);
        Assert.Equal(WorkReportLinkState.Revoked, (await Links.LastAsync(w.Syndic, ticket, Ct)).Value!.State);

        // given to a contractor with an account, the live link dies and the account's name shows
        var fourth = TokenOf((await Links.IssueAsync(w.Syndic, ticket, new WorkReportLinkInput { ContractorName = "Sanitaire Dupont" }, Ct)).Value);
        Assert.True((await fx.Get<ITicketService>().AssignAsync(w.Syndic, ticket, w.Contractor.UserId!, Ct)).Succeeded);
        Assert.Equal("error.report_link_invalid", (await Links.SubmitAsync(fourth, Report(), Ct)).FirstError!.Code);
        Assert.NotEqual("Sanitaire Dupont", (await fx.Get<ITicketService>().GetAsync(w.Syndic, ticket, Ct)).Value.Row.ContractorName);

        // a cancelled ticket's link opens nothing; values that cannot be tokens are refused alike
        var cancelled = await TicketAsync(w, "Fuite réglée par le voisin");
        var dead = TokenOf((await Links.IssueAsync(w.Syndic, cancelled, new WorkReportLinkInput { ContractorName = "Plomberie Léon" }, Ct)).Value);
        Assert.True((await fx.Get<ITicketService>().CancelAsync(w.Syndic, cancelled, "Réglé", Ct)).Succeeded);
        Assert.Equal("error.report_link_invalid", (await Links.OpenAsync(dead, Ct)).FirstError!.Code);
        foreach (var bad in new[] { "", "' OR 1=1 --", new string('A', 500), "A" })
            Assert.Equal("error.report_link_invalid", (await Links.SubmitAsync(bad, Report(), Ct)).FirstError!.Code);
        Assert.Equal("error.ticket_status", (await Links.IssueAsync(w.Syndic, cancelled, new WorkReportLinkInput { ContractorName = "Plomberie Léon" }, Ct)).FirstError!.Code);
    }

    [Fact]
    public async Task TwoSendsOfOneLinkAtOnce_FileOneReport()
    {
        var w = await World.CreateAsync(fx, Ct);
        var ticket = await TicketAsync(w);
        var token = TokenOf((await Links.IssueAsync(w.Syndic, ticket, new WorkReportLinkInput { ContractorName = "Plomberie Léon" }, Ct)).Value);
        var sends = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => Links.SubmitAsync(token, Report($"Envoi {i}"), Ct), Ct)));
        Assert.Single(sends, s => s.Succeeded);
        Assert.All(sends.Where(s => !s.Succeeded), s => Assert.Equal("error.report_link_invalid", s.FirstError!.Code));
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        Assert.Equal(1, await db.WorkReports.CountAsync(r => r.TicketId == ticket, Ct));
        Assert.Equal(1, await db.Notifications.CountAsync(n => n.UserId == w.Syndic.UserId && n.TextKey == "notify.work_report_submitted", Ct));
    }
}
