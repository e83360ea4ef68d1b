using System.Security.Cryptography;
using KoproGo.Core.Common;
using KoproGo.Core.Features.Assemblies;
using KoproGo.Core.Features.Audit;
using KoproGo.Core.Features.Files;
using KoproGo.Core.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace KoproGo.IntegrationTests;

/// <summary>The minutes (Art. 3.87 §10, §12): bureau, fixed PDF, signatures on each one's device, sending, register, deadline job.</summary>
public partial class AssemblyTests
{
    private IMinutesService Minutes => fx.Get<IMinutesService>();

    /// <summary>Owners 1–6 present (quorum: 6 of 10, 790 of 1,000 shares), the facade item voted (1 and 2 for, 3 against, 4 abstains), owner 5 leaves before the close.</summary>
    private async Task<(Estate Estate, Guid Meeting)> ClosedMeetingAsync()
    {
        var e = await TenOwnersAsync();
        var meeting = await ConvenedAsync(e, Resolution("Rénovation de la façade"));
        ToTheMeeting();
        await ArriveAsync(e, meeting, 0, 1, 2, 3, 4, 5);
        Assert.Equal(QuorumState.ReachedByHeadsAndShares, (await Session.OpenAsync(e.World.Syndic, meeting, Ct)).Value);
        var item = (await Assemblies.GetAsync(e.World.Syndic, meeting, Ct)).Value.Items[0].Id;
        Assert.True((await Session.OpenItemAsync(e.World.Syndic, item, Ct)).Succeeded);
        await VoteAsync(e, item, 0, Vote.For);
        await VoteAsync(e, item, 1, Vote.For);
        await VoteAsync(e, item, 2, Vote.Against);
        await VoteAsync(e, item, 3, Vote.Abstain);
        Assert.True((await Session.CloseItemAsync(e.World.Syndic, item, Ct)).Succeeded);
        fx.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True((await Session.LeaveAsync(e.World.Syndic, meeting, e.Owners[4], Ct)).Succeeded);
        fx.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True((await Session.CloseAsync(e.World.Syndic, meeting, Ct)).Succeeded);
        return (e, meeting);
    }

    [Fact]
    public async Task Minutes_SignedByTheChairTheSyndicAsSecretaryAndAnOwnerPresent_OverTheHashOfTheFixedPdf_ThenSentIntoTheRegisterAndTheDocuments()
    {
        var (e, meeting) = await ClosedMeetingAsync();
        var s = e.World.Syndic;
        Assert.Equal("error.minutes_no_president", (await Minutes.DrawUpAsync(s, meeting, Ct)).FirstError!.Code);
        var absent = (await Minutes.SetBureauAsync(s, meeting, new BureauInput { PresidentOwnerId = e.Owners[4] }, Ct)).FirstError!;    // left before the close
        Assert.Equal(("error.bureau_not_present", nameof(BureauInput.PresidentOwnerId)), (absent.Code, absent.Field));
        Assert.Equal("error.bureau_same_person", (await Minutes.SetBureauAsync(s, meeting, new BureauInput { PresidentOwnerId = e.Owners[0], SecretaryOwnerId = e.Owners[0] }, Ct)).FirstError!.Code);
        Assert.Equal(Errors.Forbidden, (await Minutes.SetBureauAsync(e.OwnerActors[0], meeting, new BureauInput { PresidentOwnerId = e.Owners[0] }, Ct)).FirstError!.Code);
        Assert.True((await Minutes.SetBureauAsync(s, meeting, new BureauInput { PresidentOwnerId = e.Owners[0] }, Ct)).Succeeded);
        Assert.Equal("error.minutes_not_signable", (await Minutes.SignAsync(e.OwnerActors[0], meeting, Ct)).FirstError!.Code);     // not drawn up yet
        Assert.True((await Minutes.DrawUpAsync(s, meeting, Ct)).Succeeded);
        Assert.Equal("error.meeting_status", (await Minutes.DrawUpAsync(s, meeting, Ct)).FirstError!.Code);
        Assert.Equal("error.meeting_status", (await Minutes.SetBureauAsync(s, meeting, new BureauInput { PresidentOwnerId = e.Owners[1] }, Ct)).FirstError!.Code);

        // who signs: the chair (owner 1), the syndic as secretary, owners 2–4 and 6 present at the close; not owner 5 (left), not owner 8 (absent)
        var view = (await Minutes.GetAsync(s, meeting, Ct)).Value;
        Assert.Equal((SignatoryRole?)SignatoryRole.Secretary, view.MayMeSign);
        Assert.Equal([null, "Owner01 Test", "Owner02 Test", "Owner03 Test", "Owner04 Test", "Owner06 Test"], SortedAwaited(view));        // null: the syndic
        Assert.Equal("error.minutes_not_signatory", (await Minutes.SignAsync(e.OwnerActors[4], meeting, Ct)).FirstError!.Code);
        Assert.Equal("error.minutes_not_signatory", (await Minutes.SignAsync(e.OwnerActors[7], meeting, Ct)).FirstError!.Code);
        Assert.Equal(Errors.NotFound, (await Minutes.SignAsync(e.World.TenantA, meeting, Ct)).FirstError!.Code);
        Assert.Equal("error.minutes_unsigned", (await Minutes.SendAsync(s, meeting, Ct)).FirstError!.Code);
        Assert.Equal((SignatoryRole?)SignatoryRole.President, (await Minutes.GetAsync(e.OwnerActors[0], meeting, Ct)).Value.MayMeSign);
        Assert.True((await Minutes.SignAsync(e.OwnerActors[0] with { Ip = "192.0.2.10" }, meeting, Ct)).Succeeded);
        Assert.Equal("error.minutes_already_signed", (await Minutes.SignAsync(e.OwnerActors[0], meeting, Ct)).FirstError!.Code);
        Assert.True((await Minutes.SignAsync(s, meeting, Ct)).Succeeded);
        Assert.True((await Minutes.SignAsync(e.OwnerActors[1], meeting, Ct)).Succeeded);
        view = (await Minutes.GetAsync(s, meeting, Ct)).Value;
        Assert.Equal([SignatoryRole.President, SignatoryRole.Secretary, SignatoryRole.Owner], view.Signatures.Select(x => x.Role));
        Assert.Equal(["Owner03 Test", "Owner04 Test", "Owner06 Test"], view.Awaited.Order(StringComparer.Ordinal));
        Assert.True(view.CanSend);

        // the fixed PDF's SHA-256 is the one signed; the signed PDF is that PDF plus a page naming the signatures and the hash
        var docs = fx.Get<IAssemblyDocumentService>();
        var original = (await docs.MinutesPdfAsync(e.OwnerActors[8], meeting, Ct, original: true)).Value.Content;
        Assert.Equal(view.Sha256, Convert.ToHexStringLower(SHA256.HashData(original)));
        var signed = (await docs.MinutesPdfAsync(e.OwnerActors[8], meeting, Ct)).Value.Content;
        using (var originalPdf = PdfDocument.Open(original))
        using (var signedPdf = PdfDocument.Open(signed))
        {
            Assert.Contains("Président : Owner01 Test", string.Concat(originalPdf.GetPages().Select(p => p.Text)), StringComparison.Ordinal);
            Assert.Equal(originalPdf.NumberOfPages + 1, signedPdf.NumberOfPages);
            var last = signedPdf.GetPage(signedPdf.NumberOfPages).Text;
            Assert.Contains(view.Sha256!, last, StringComparison.Ordinal);
            Assert.Contains("Owner01 Test", last, StringComparison.Ordinal);
            Assert.Contains("192.0.2.10", last, StringComparison.Ordinal);
            Assert.Contains("Secrétaire", last, StringComparison.Ordinal);
        }

        Assert.True((await Minutes.SendAsync(s, meeting, Ct)).Succeeded);
        Assert.Equal(MeetingStatus.MinutesSent, (await Assemblies.GetAsync(s, meeting, Ct)).Value.Status);
        Assert.Equal("error.minutes_not_signable", (await Minutes.SignAsync(e.OwnerActors[2], meeting, Ct)).FirstError!.Code);
        Assert.Equal("error.meeting_status", (await Minutes.SendAsync(s, meeting, Ct)).FirstError!.Code);
        // in the building's documents for its owners (not the unsigned original, staff only), and announced to every owner
        var documents = (await fx.Get<IFileService>().BuildingDocumentsAsync(e.OwnerActors[8], e.Building, Ct)).Value;
        Assert.Equal("pv-ag-" + BusinessTime.LocalDateTime(fx.Clock.GetUtcNow()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + ".pdf", Assert.Single(documents).FileName);
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct))
        {
            var users = e.OwnerActors.Select(a => a.UserId).ToList();
            Assert.Equal(10, await db.Notifications.CountAsync(n => users.Contains(n.UserId) && n.TextKey == "notify.minutes_sent", Ct));
            // drawn up, three signatures, sent
            Assert.Equal(5, await db.AuditEntries.CountAsync(a => a.EntityId == meeting.ToString() && a.Action.StartsWith("meeting.minutes_"), Ct));
        }

        // the register: the building's decisions, searchable; for its owners, nobody else
        var register = (await Minutes.DecisionsAsync(e.OwnerActors[9], e.Building, null, Ct)).Value;
        var decision = Assert.Single(register);
        Assert.Equal(("Rénovation de la façade", true, 400m, 120m, 100m), (decision.Title, decision.Adopted, decision.For, decision.Against, decision.Abstained));
        Assert.Single((await Minutes.DecisionsAsync(s, e.Building, "FAÇADE", Ct)).Value);
        Assert.Empty((await Minutes.DecisionsAsync(s, e.Building, "toiture", Ct)).Value);
        Assert.Equal(Errors.NotFound, (await Minutes.DecisionsAsync(e.World.OwnerActorA, e.Building, null, Ct)).FirstError!.Code);
    }

    private static List<string?> SortedAwaited(MinutesView view) => [.. view.Awaited.OrderBy(a => a ?? "", StringComparer.Ordinal)];

    [Fact]
    public async Task Minutes_TheChairSigningFromTwoDevicesAtOnce_IsRecordedOnce()
    {
        var (e, meeting) = await ClosedMeetingAsync();
        Assert.True((await Minutes.SetBureauAsync(e.World.Syndic, meeting, new BureauInput { PresidentOwnerId = e.Owners[0], SecretaryOwnerId = e.Owners[1] }, Ct)).Succeeded);
        Assert.True((await Minutes.DrawUpAsync(e.World.Syndic, meeting, Ct)).Succeeded);
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => Minutes.SignAsync(e.OwnerActors[0], meeting, Ct))));
        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal("error.minutes_already_signed", r.FirstError!.Code));
        // the syndic is not the secretary here: an owner is
        Assert.Equal("error.minutes_not_signatory", (await Minutes.SignAsync(e.World.Syndic, meeting, Ct)).FirstError!.Code);
        Assert.True((await Minutes.SignAsync(e.OwnerActors[1], meeting, Ct)).Succeeded);
        var view = (await Minutes.GetAsync(e.World.Syndic, meeting, Ct)).Value;
        Assert.Equal([SignatoryRole.President, SignatoryRole.Secretary], view.Signatures.Select(x => x.Role));
        Assert.True(view.CanSend);
    }

    [Fact]
    public async Task MinutesDeadline_AMeetingWithoutQuorum_RemindsTheSyndicOnDay25_FlagsDay30_EachOnce_EvenWithTwoRunsAtOnce()
    {
        var e = await TenOwnersAsync();
        var s = e.World.Syndic;
        var meeting = await ConvenedAsync(e, Resolution("Approbation des comptes"));
        ToTheMeeting();
        await ArriveAsync(e, meeting, 9);
        Assert.Equal(QuorumState.NotReached, (await Session.OpenAsync(s, meeting, Ct)).Value);          // closed on the record
        // without quorum there is no chair: the syndic records the minutes alone
        Assert.True((await Minutes.DrawUpAsync(s, meeting, Ct)).Succeeded);
        var link = $"/assemblies/{meeting}";
        async Task<int> NoticesAsync(string key)
        {
            await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
            return await db.Notifications.CountAsync(n => n.Link == link && n.TextKey == key && n.UserId == s.UserId, Ct);
        }
        async Task RunTwiceAtOnceAsync() =>
            await Task.WhenAll(Task.Run(() => fx.Get<MinutesDeadlineJob>().RunAsync(Ct)), Task.Run(() => fx.Get<MinutesDeadlineJob>().RunAsync(Ct)));

        fx.Clock.Advance(TimeSpan.FromDays(MinutesRules.RemindOnDay - 1));
        await RunTwiceAtOnceAsync();
        Assert.Equal(0, await NoticesAsync("notify.minutes_due"));
        fx.Clock.Advance(TimeSpan.FromDays(1));                                                          // day 25
        await RunTwiceAtOnceAsync();
        await RunTwiceAtOnceAsync();
        Assert.Equal(1, await NoticesAsync("notify.minutes_due"));
        Assert.False((await Minutes.GetAsync(s, meeting, Ct)).Value.Overdue);
        fx.Clock.Advance(TimeSpan.FromDays(6));                                                          // day 31: the 30 days have passed
        await RunTwiceAtOnceAsync();
        await RunTwiceAtOnceAsync();
        Assert.Equal(1, await NoticesAsync("notify.minutes_overdue"));
        Assert.True((await Minutes.GetAsync(s, meeting, Ct)).Value.Overdue);

        Assert.True((await Minutes.SignAsync(s, meeting, Ct)).Succeeded);
        Assert.True((await Minutes.SendAsync(s, meeting, Ct)).Succeeded);
        Assert.False((await Minutes.GetAsync(s, meeting, Ct)).Value.Overdue);
    }
}
