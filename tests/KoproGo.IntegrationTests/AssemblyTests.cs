using KoproGo.Core.Common;
using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Assemblies;
using KoproGo.Core.Features.Audit;
using KoproGo.Core.Features.Budgets;
using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Files;
using KoproGo.Core.Features.Notifications;
using KoproGo.Core.Features.Owners;
using KoproGo.Core.Features.UserAccounts;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace KoproGo.IntegrationTests;

/// <summary>The general assembly on PostgreSQL (SPEC §5): a building of ten owners of different weights, from the convocation to the budget voted.</summary>
[Collection(DatabaseCollection.Name)]
public partial class AssemblyTests(DatabaseFixture fx)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private IAssemblyService Assemblies => fx.Get<IAssemblyService>();
    private IAssemblySessionService Session => fx.Get<IAssemblySessionService>();

    /// <summary>Shares of the ten lots, 1,000 in all: owner 1 holds a quarter, owner 10 three percent.</summary>
    private static readonly int[] Weights = [250, 150, 120, 100, 90, 80, 70, 60, 50, 30];

    private sealed record Estate(World World, Guid Building, Guid[] Owners, Actor[] OwnerActors);

    private async Task<Estate> TenOwnersAsync()
    {
        var w = await World.CreateAsync(fx, Ct);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var buildings = fx.Get<IBuildingService>();
        var owners = fx.Get<IOwnerService>();
        var building = (await buildings.CreateAsync(w.Syndic, w.OrganisationId, new BuildingInput
        {
            Name = "Résidence Assemblée",
            Street = "Rue Royale 10",
            PostalCode = "1000",
            City = "Bruxelles",
            TotalShares = 1000,
            Slug = "ag-" + suffix,
        }, Ct)).Value;
        var ids = new Guid[Weights.Length];
        var actors = new Actor[Weights.Length];
        for (var i = 0; i < Weights.Length; i++)
        {
            var unit = (await buildings.CreateUnitAsync(w.Syndic, building, new UnitInput { Number = $"L{i + 1}", Shares = Weights[i] }, Ct)).Value;
            ids[i] = (await owners.CreateAsync(w.Syndic, w.OrganisationId, new OwnerInput { LastName = $"Owner{i + 1:00}", FirstName = "Test" }, Ct)).Value;
            Assert.True((await owners.SaveOwnershipsAsync(w.Syndic, unit, new ChangeOwnershipInput
            {
                EffectiveDate = new DateOnly(2020, 1, 1),
                Lines = [new() { OwnerId = ids[i], IsPrimaryContact = true }],
            }, Ct)).Succeeded);
            actors[i] = await World.UserAsync(fx, $"ag-{i}-{suffix}@example.be", [new Grant(Role.Owner, w.OrganisationId, OwnerId: ids[i])], Ct);
            // the owner record knows its account, as after an accepted invitation: notifications reach it
            await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE owners SET user_id = {actors[i].UserId} WHERE id = {ids[i]}", Ct);
        }
        return new Estate(w, building, ids, actors);
    }

    private MeetingInput At(DateTimeOffset startsAt) => new() { StartsAt = startsAt, Place = "Salle communale, Rue Royale 10", RemoteLink = "https://meet.example.be/ag", IdentityCheck = "Connexion au compte KoproGo avec double authentification" };

    private async Task<Guid> ConvenedAsync(Estate e, params AgendaItemInput[] items)
    {
        var s = e.World.Syndic;
        var id = (await Assemblies.CreateAsync(s, e.Building, At(fx.Clock.GetUtcNow().AddDays(20)), Ct)).Value;
        foreach (var item in items)
            Assert.True((await Assemblies.AddItemAsync(s, id, item, Ct)).Succeeded);
        Assert.True((await Assemblies.ConveneAsync(s, id, Ct)).Succeeded);
        return id;
    }

    private void ToTheMeeting() => fx.Clock.Advance(TimeSpan.FromDays(20));

    private static AgendaItemInput Resolution(string title, Majority majority = Majority.Absolute) => new() { Title = title, Majority = majority };

    private async Task ArriveAsync(Estate e, Guid meeting, params int[] owners)
    {
        foreach (var i in owners)
            Assert.True((await Session.ArriveAsync(e.World.Syndic, meeting, e.Owners[i], AttendanceMode.InPerson, Ct)).Succeeded);
    }

    private async Task VoteAsync(Estate e, Guid item, int owner, Vote vote, Actor? by = null) =>
        Assert.True((await Session.VoteAsync(by ?? e.OwnerActors[owner], item, new BallotInput { OwnerId = e.Owners[owner], Vote = vote }, Ct)).Succeeded);

    [Fact]
    public async Task WholeMeeting_ConvenedOpenedVoted_TheBudgetIsAdopted_AndABudgetItemMovesTheBudgetToVoted()
    {
        var e = await TenOwnersAsync();
        var s = e.World.Syndic;
        var budget = await SubmittedBudgetAsync(e);
        var late = (await Assemblies.CreateAsync(s, e.Building, At(fx.Clock.GetUtcNow().AddDays(10)), Ct)).Value;
        Assert.Equal("error.meeting_no_items", (await Assemblies.ConveneAsync(s, await CreateWithoutItemsAsync(e), Ct)).FirstError!.Code);
        Assert.True((await Assemblies.AddItemAsync(s, late, Resolution("Approbation des comptes"), Ct)).Succeeded);
        Assert.Equal("error.convocation_late", (await Assemblies.ConveneAsync(s, late, Ct)).FirstError!.Code);         // 10 days < 15

        var meeting = await ConvenedAsync(e,
            new AgendaItemInput { Title = "Rapport du syndic", Kind = ItemKind.Information },
            new AgendaItemInput { Title = "Approbation du budget", BudgetId = budget },
            Resolution("Rénovation de la façade", Majority.TwoThirds));
        Assert.Equal(Errors.NotFound, (await Assemblies.GetAsync(e.World.TenantA, meeting, Ct)).FirstError!.Code);
        Assert.Equal(MeetingStatus.Convened, (await Assemblies.GetAsync(e.OwnerActors[9], meeting, Ct)).Value.Status);
        Assert.Equal("error.meeting_status", (await Assemblies.AddItemAsync(s, meeting, Resolution("Trop tard"), Ct)).FirstError!.Code);

        ToTheMeeting();
        // owners 1–5 present (710 shares of 1,000, 5 of 10 heads); owner 6 gives a proxy to owner 1, owner 10 joins remotely → 7 heads, 820 shares
        await ArriveAsync(e, meeting, 0, 1, 2, 3, 4);
        Assert.True((await Session.GrantProxyAsync(s, meeting, new ProxyInput { GrantorOwnerId = e.Owners[5], HolderOwnerId = e.Owners[0] }, Ct)).Succeeded);
        Assert.Equal("error.attendance_already", (await Session.ArriveAsync(s, meeting, e.Owners[0], AttendanceMode.InPerson, Ct)).FirstError!.Code);
        Assert.True((await Session.JoinRemotelyAsync(e.OwnerActors[9], meeting, Ct)).Succeeded);                       // owner 10, from home
        var live = (await Assemblies.GetAsync(s, meeting, Ct)).Value;
        Assert.Equal((7, 820, QuorumState.ReachedByHeadsAndShares), (live.OwnersPresent, live.SharesPresent, live.LiveQuorum));
        Assert.Equal("Owner01 Test", live.Roll.Single(r => r.OwnerId == e.Owners[5]).RepresentedBy);

        Assert.Equal(QuorumState.ReachedByHeadsAndShares, (await Session.OpenAsync(s, meeting, Ct)).Value);
        var items = live.Items;
        Assert.Equal("error.item_status", (await Session.OpenItemAsync(s, items[0].Id, Ct)).FirstError!.Code);        // information only
        Assert.True((await Session.OpenItemAsync(s, items[1].Id, Ct)).Succeeded);
        Assert.Equal("error.item_other_open", (await Session.OpenItemAsync(s, items[2].Id, Ct)).FirstError!.Code);

        // owner 1 votes for themselves and, as holder, for owner 6; owner 6 cannot vote (represented, not present)
        var mine = (await Assemblies.GetAsync(e.OwnerActors[0], meeting, Ct)).Value.MyVoices;
        Assert.Equal([e.Owners[0], e.Owners[5]], mine.Select(v => v.OwnerId));
        await VoteAsync(e, items[1].Id, 0, Vote.For);
        await VoteAsync(e, items[1].Id, 5, Vote.For, by: e.OwnerActors[0]);
        Assert.Equal("error.vote_not_present", (await Session.VoteAsync(e.OwnerActors[6], items[1].Id, new BallotInput { OwnerId = e.Owners[6], Vote = Vote.For }, Ct)).FirstError!.Code);
        Assert.Equal(Errors.Forbidden, (await Session.VoteAsync(e.OwnerActors[1], items[1].Id, new BallotInput { OwnerId = e.Owners[2], Vote = Vote.For }, Ct)).FirstError!.Code);
        await VoteAsync(e, items[1].Id, 1, Vote.Against);
        await VoteAsync(e, items[1].Id, 1, Vote.For);                                      // changed before the closing: replaces it
        await VoteAsync(e, items[1].Id, 2, Vote.Against);
        await VoteAsync(e, items[1].Id, 3, Vote.Abstain, by: s);                           // a paper vote, recorded by the syndic
        await VoteAsync(e, items[1].Id, 9, Vote.Against);
        var budgetItem = (await Session.CloseItemAsync(s, items[1].Id, Ct)).Value;
        // for 250 + 80 + 150 = 480, against 120 + 30 = 150, abstention 100 not counted: 480 / 630 > 50 %
        Assert.Equal((true, 480m, 150m, 100m), (budgetItem.Adopted, budgetItem.For, budgetItem.Against, budgetItem.Abstained));
        Assert.Equal("error.item_not_open", (await Session.VoteAsync(e.OwnerActors[4], items[1].Id, new BallotInput { OwnerId = e.Owners[4], Vote = Vote.For }, Ct)).FirstError!.Code);
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct))
        {
            var voted = await db.Budgets.SingleAsync(b => b.Id == budget, Ct);
            Assert.Equal(BudgetStatus.Voted, voted.Status);
            Assert.StartsWith("AG ", voted.AssemblyReference);
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.EntityId == meeting.ToString() && a.Action == "meeting.vote_changed", Ct));
            Assert.Equal(6, await db.ItemBallots.CountAsync(b => b.AgendaItemId == items[1].Id, Ct));
        }

        // owner 1 leaves before the façade vote: their voice and owner 6's go with them, the base shrinks to 490
        Assert.True((await Session.LeaveAsync(s, meeting, e.Owners[0], Ct)).Succeeded);
        Assert.True((await Session.OpenItemAsync(s, items[2].Id, Ct)).Succeeded);
        Assert.Equal("error.vote_not_present", (await Session.VoteAsync(e.OwnerActors[0], items[2].Id, new BallotInput { OwnerId = e.Owners[0], Vote = Vote.For }, Ct)).FirstError!.Code);
        await VoteAsync(e, items[2].Id, 1, Vote.For);
        await VoteAsync(e, items[2].Id, 2, Vote.For);
        await VoteAsync(e, items[2].Id, 4, Vote.Against);
        var facade = (await Session.CloseItemAsync(s, items[2].Id, Ct)).Value;
        Assert.Equal((true, 270m, 90m), (facade.Adopted, facade.For, facade.Against));                            // 270 / 360 ≥ 2/3
        var closedItem = (await Assemblies.GetAsync(s, meeting, Ct)).Value.Items[2];
        Assert.Equal((490, true), (closedItem.SharesPresent, closedItem.Result!.Adopted));

        Assert.True((await Session.CloseAsync(s, meeting, Ct)).Succeeded);
        Assert.Equal(MeetingStatus.Closed, (await Assemblies.GetAsync(e.OwnerActors[3], meeting, Ct)).Value.Status);

        // the minutes: attendance, quorum, each item with its majority, figures and result, who voted against or abstained
        var documents = fx.Get<IAssemblyDocumentService>();
        var minutes = PdfText((await documents.MinutesPdfAsync(e.OwnerActors[3], meeting, Ct)).Value.Content);
        foreach (var expected in new[] { "Procès-verbal", "Liste de présence", "Représenté par Owner01 Test", "Quorum atteint", "2. Approbation du budget — Majorité absolue",
                     "Pour : 480 · Contre : 150 · Abstentions : 100", "Résolution adoptée.", "Ont voté contre : Owner03 Test, Owner10 Test", "Se sont abstenus : Owner04 Test",
                     "Rénovation de la façade — Majorité des 2/3", "Ont voté contre : Owner05 Test" })
            Assert.Contains(expected, minutes, StringComparison.Ordinal);
        Assert.Equal(Errors.NotFound, (await documents.MinutesPdfAsync(e.World.TenantA, meeting, Ct)).FirstError!.Code);
    }

    private static string PdfText(byte[] pdf)
    {
        using var doc = PdfDocument.Open(pdf);
        return string.Join(" ", doc.GetPages().Select(p => p.Text)).Replace('\u202f', ' ').Replace('\u00a0', ' ');
    }

    [Fact]
    public async Task Convening_SendsEachOwnerTheirLetter_ByEmailOnlyWithConsent_ElseRegistered_AndRemindsOnceThreeDaysBefore()
    {
        var e = await TenOwnersAsync();
        var s = e.World.Syndic;
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct))
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE owners SET email = 'owner1@example.be', consents_to_email_convocation = true WHERE id = {e.Owners[0]}", Ct);
        var meeting = await ConvenedAsync(e, Resolution("Approbation des comptes"));
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct))
        {
            var sent = await db.Convocations.Where(c => c.MeetingId == meeting).ToListAsync(Ct);
            Assert.Equal(10, sent.Count);
            Assert.Equal(e.Owners[0], sent.Single(c => c.Channel == ConvocationChannel.Email).OwnerId);
            var mail = await db.OutboxEmails.SingleAsync(m => m.RecipientOwnerId == e.Owners[0], Ct);
            Assert.Equal(sent.Single(c => c.OwnerId == e.Owners[0]).FileId, mail.AttachmentFileId);
            Assert.Contains("Résidence Assemblée", mail.Subject, StringComparison.Ordinal);
            Assert.Equal(10, await db.Files.CountAsync(f => sent.Select(c => c.FileId).Contains(f.Id) && f.Use == FileUse.OwnerLetter, Ct));
        }
        var refused = (await Assemblies.RecordTrackingAsync(s, meeting, e.Owners[1], "12345", Ct)).FirstError!;
        Assert.Equal(("error.tracking_number", "trackingNumber"), (refused.Code, refused.Field));
        Assert.Equal("error.tracking_not_registered", (await Assemblies.RecordTrackingAsync(s, meeting, e.Owners[0], "RR123456789BE", Ct)).FirstError!.Code);
        Assert.True((await Assemblies.RecordTrackingAsync(s, meeting, e.Owners[1], "rr 123 456 789 be", Ct)).Succeeded);
        Assert.Equal("RR123456789BE", (await Assemblies.GetAsync(s, meeting, Ct)).Value.Roll.Single(r => r.OwnerId == e.Owners[1]).TrackingNumber);

        // 18 days later the meeting is two days away: two runs at once remind each owner once
        fx.Clock.Advance(TimeSpan.FromDays(18));
        var runs = await Task.WhenAll(Task.Run(() => fx.Get<AssemblyReminderJob>().RunAsync(Ct)), Task.Run(() => fx.Get<AssemblyReminderJob>().RunAsync(Ct)));
        Assert.Equal(1, runs.Sum());
        Assert.Equal(0, await fx.Get<AssemblyReminderJob>().RunAsync(Ct));
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct))
        {
            var users = e.OwnerActors.Select(a => a.UserId).ToList();
            Assert.Equal(10, await db.Notifications.CountAsync(n => users.Contains(n.UserId) && n.TextKey == "notify.meeting_reminder", Ct));
        }
    }

    [Fact]
    public async Task Convocation_PerOwnerInTheirLanguage_AgendaWithMajorities_AndAProxyFormWithTheirLotsAndShares()
    {
        var e = await TenOwnersAsync();
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct))
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE owners SET preferred_language = 'nl-BE' WHERE id = {e.Owners[1]}", Ct);
        var meeting = await ConvenedAsync(e, new AgendaItemInput { Title = "Rapport du syndic", Kind = ItemKind.Information },
            Resolution("Remplacement de l'ascenseur", Majority.TwoThirds));
        var documents = fx.Get<IAssemblyDocumentService>();
        var fr = PdfText((await documents.ConvocationPdfAsync(e.OwnerActors[0], meeting, e.Owners[0], Ct)).Value.Content);
        foreach (var expected in new[] { "Convocation — Assemblée ordinaire", "Owner01 Test", "Salle communale", "https://meet.example.be/ag", "1. Rapport du syndic — Information",
                     "2. Remplacement de l'ascenseur — Majorité des 2/3", "Procuration", "lot(s) L1 (250 quotes-parts)", "Instructions de vote", "10 %" })
            Assert.Contains(expected, fr, StringComparison.Ordinal);
        var nl = PdfText((await documents.ConvocationPdfAsync(e.World.Syndic, meeting, e.Owners[1], Ct)).Value.Content);
        Assert.Contains("Oproeping — Gewone vergadering", nl, StringComparison.Ordinal);
        Assert.Contains("Meerderheid van 2/3", nl, StringComparison.Ordinal);
        Assert.Contains("Volmacht", nl, StringComparison.Ordinal);
        Assert.Equal(Errors.Forbidden, (await documents.ConvocationPdfAsync(e.OwnerActors[0], meeting, e.Owners[1], Ct)).FirstError!.Code);
        Assert.Equal("error.meeting_status", (await documents.MinutesPdfAsync(e.World.Syndic, meeting, Ct)).FirstError!.Code);
    }

    private async Task<Guid> CreateWithoutItemsAsync(Estate e) =>
        (await Assemblies.CreateAsync(e.World.Syndic, e.Building, At(fx.Clock.GetUtcNow().AddDays(30)), Ct)).Value;

    private async Task<Guid> SubmittedBudgetAsync(Estate e)
    {
        var s = e.World.Syndic;
        var year = (await fx.Get<IFiscalYearService>().OpenNextFiscalYearAsync(s, e.Building, Ct)).Value;
        var chart = (await fx.Get<IChartService>().ChartAsync(s, e.World.OrganisationId, "fr-BE", Ct)).Value.ToDictionary(a => a.Code, a => a.Id);
        var budget = (await fx.Get<IBudgetService>().SaveDraftAsync(s, e.Building, null, new BudgetInput
        {
            FiscalYearId = year.Id,
            Reserve = 500m,
            Lines = [new() { AccountId = chart["610"], Amount = 12_000m }],
        }, Ct)).Value;
        Assert.True((await fx.Get<IBudgetService>().SubmitAsync(s, budget, Ct)).Succeeded);
        return budget;
    }

    [Fact]
    public async Task MeetingWithoutQuorum_Closes_AndTheSecondSession15DaysLater_DeliberatesWhateverTheAttendance()
    {
        var e = await TenOwnersAsync();
        var s = e.World.Syndic;
        var meeting = await ConvenedAsync(e, Resolution("Approbation des comptes"));
        ToTheMeeting();
        await ArriveAsync(e, meeting, 1, 2);                                                // 2 heads, 270 shares
        Assert.Equal(QuorumState.NotReached, (await Session.OpenAsync(s, meeting, Ct)).Value);
        var closed = (await Assemblies.GetAsync(s, meeting, Ct)).Value;
        Assert.Equal(MeetingStatus.Closed, closed.Status);
        Assert.Equal("error.meeting_status", (await Session.OpenItemAsync(s, closed.Items[0].Id, Ct)).FirstError!.Code);

        Assert.Equal("error.second_session_too_early",
            (await Assemblies.ConveneSecondSessionAsync(s, meeting, At(fx.Clock.GetUtcNow().AddDays(10)), Ct)).FirstError!.Code);
        var second = (await Assemblies.ConveneSecondSessionAsync(s, meeting, At(fx.Clock.GetUtcNow().AddDays(16)), Ct)).Value;
        Assert.Equal("error.second_session_exists",
            (await Assemblies.ConveneSecondSessionAsync(s, meeting, At(fx.Clock.GetUtcNow().AddDays(17)), Ct)).FirstError!.Code);
        var detail = (await Assemblies.GetAsync(s, second, Ct)).Value;
        Assert.Equal((MeetingStatus.Convened, meeting, "Approbation des comptes"), (detail.Status, detail.FirstSessionId!.Value, detail.Items.Single().Title));
        Assert.Equal(second, (await Assemblies.GetAsync(s, meeting, Ct)).Value.SecondSessionId);

        fx.Clock.Advance(TimeSpan.FromDays(16));
        await ArriveAsync(e, second, 9);                                                    // one owner, 30 shares
        Assert.Equal(QuorumState.SecondSession, (await Session.OpenAsync(s, second, Ct)).Value);
        var item = detail.Items.Single().Id;
        Assert.True((await Session.OpenItemAsync(s, item, Ct)).Succeeded);
        await VoteAsync(e, item, 9, Vote.For);
        // alone in the room: capped at the others' votes present (none), so no vote counts — nothing decided
        var outcome = (await Session.CloseItemAsync(s, item, Ct)).Value;
        Assert.Equal((false, OutcomeNote.NoVotesCast), (outcome.Adopted, outcome.Note));
    }

    [Fact]
    public async Task Proxies_NeverTheSyndic_ThreeAtMost_UnlessWithinTenPercent_EachRefusalSaysWhy()
    {
        var e = await TenOwnersAsync();
        var s = e.World.Syndic;
        var meeting = await ConvenedAsync(e, Resolution("Approbation des comptes"));
        ProxyInput P(int grantor, int holder) => new() { GrantorOwnerId = e.Owners[grantor], HolderOwnerId = e.Owners[holder] };

        // owner 10 (30 shares) holds for owners 9, 8, 7 (50 + 60 + 70): 210 > 100 = 10 % → a fourth is refused
        foreach (var grantor in new[] { 8, 7, 6 })
            Assert.True((await Session.GrantProxyAsync(s, meeting, P(grantor, 9), Ct)).Succeeded);
        var refused = (await Session.GrantProxyAsync(s, meeting, P(5, 9), Ct)).FirstError!;
        Assert.Equal(("error.proxy_too_many", nameof(ProxyInput.HolderOwnerId)), (refused.Code, refused.Field));
        Assert.Equal("error.proxy_exists", (await Session.GrantProxyAsync(s, meeting, P(8, 0), Ct)).FirstError!.Code);
        Assert.Equal("error.proxy_self", (await Session.GrantProxyAsync(s, meeting, P(4, 4), Ct)).FirstError!.Code);
        Assert.Equal("error.proxy_holder_represented", (await Session.GrantProxyAsync(s, meeting, P(4, 8), Ct)).FirstError!.Code);

        // the syndic owns lot 5: as holder, refused whatever the count
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct))
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE owners SET user_id = {s.UserId} WHERE id = {e.Owners[4]}", Ct);
        Assert.Equal("error.proxy_syndic", (await Session.GrantProxyAsync(s, meeting, P(3, 4), Ct)).FirstError!.Code);

        // one proxy revoked: the holder has two, and may take another
        var proxies = (await Assemblies.GetAsync(s, meeting, Ct)).Value.Proxies;
        Assert.Equal(3, proxies.Count);
        Assert.True((await Session.RevokeProxyAsync(s, proxies[0].Id, Ct)).Succeeded);
        Assert.True((await Session.GrantProxyAsync(s, meeting, P(5, 9), Ct)).Succeeded);
        Assert.Equal(Errors.Forbidden, (await Session.GrantProxyAsync(e.World.Accountant, meeting, P(3, 2), Ct)).FirstError!.Code);
    }

    [Fact]
    public async Task FiftyParallelVotes_OneBallotPerOwner_AndTwoSyndicsClosingAtOnce_CloseItOnce()
    {
        var e = await TenOwnersAsync();
        var s = e.World.Syndic;
        var meeting = await ConvenedAsync(e, Resolution("Approbation des comptes"));
        ToTheMeeting();
        await ArriveAsync(e, meeting, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        Assert.True((await Session.OpenAsync(s, meeting, Ct)).Succeeded);
        var item = (await Assemblies.GetAsync(s, meeting, Ct)).Value.Items.Single().Id;
        Assert.True((await Session.OpenItemAsync(s, item, Ct)).Succeeded);

        // five clicks per owner at once, alternating for and against: each owner ends with one ballot
        var votes = await Task.WhenAll(Enumerable.Range(0, 50).Select(n => Task.Run(() => fx.Get<IAssemblySessionService>().VoteAsync(
            e.OwnerActors[n % 10], item, new BallotInput { OwnerId = e.Owners[n % 10], Vote = n / 10 % 2 == 0 ? Vote.For : Vote.Against }, Ct))));
        Assert.All(votes, v => Assert.True(v.Succeeded, v.FirstError?.Code));
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct))
            Assert.Equal(10, await db.ItemBallots.CountAsync(b => b.AgendaItemId == item, Ct));

        var other = await World.UserAsync(fx, $"second-syndic-{Guid.NewGuid():N}@example.be", [new Grant(Role.Syndic, e.World.OrganisationId)], Ct);
        var closings = await Task.WhenAll(Task.Run(() => fx.Get<IAssemblySessionService>().CloseItemAsync(s, item, Ct)),
            Task.Run(() => fx.Get<IAssemblySessionService>().CloseItemAsync(other, item, Ct)));
        Assert.Equal(1, closings.Count(c => c.Succeeded));
        Assert.Equal("error.item_status", closings.Single(c => !c.Succeeded).FirstError!.Code);
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct))
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.EntityId == meeting.ToString() && a.Action == "meeting.item_closed", Ct));
    }

    [Fact]
    public async Task BadInput_IsRefusedWithItsField_AndNothingIsSaved()
    {
        var e = await TenOwnersAsync();
        var s = e.World.Syndic;
        var now = fx.Clock.GetUtcNow();
        async Task<string?> FieldOf(MeetingInput input) => (await Assemblies.CreateAsync(s, e.Building, input, Ct)).FirstError!.Field;
        Assert.Equal(nameof(MeetingInput.StartsAt), await FieldOf(new MeetingInput { StartsAt = now.AddDays(-1), Place = "Salle" }));
        Assert.Equal(nameof(MeetingInput.Place), await FieldOf(new MeetingInput { StartsAt = now.AddDays(20), Place = " " }));
        Assert.Equal(nameof(MeetingInput.RemoteLink), await FieldOf(new MeetingInput { StartsAt = now.AddDays(20), Place = "Salle", RemoteLink = "javascript:alert(1)", IdentityCheck = "x" }));
        Assert.Equal(nameof(MeetingInput.IdentityCheck), await FieldOf(new MeetingInput { StartsAt = now.AddDays(20), Place = "Salle", RemoteLink = "https://meet.example.be/x" }));
        Assert.Equal(nameof(MeetingInput.StartsAt), await FieldOf(new MeetingInput { StartsAt = DateTimeOffset.MaxValue, Place = "Salle" }));
        var meeting = await CreateWithoutItemsAsync(e);
        Assert.Equal(nameof(AgendaItemInput.Title), (await Assemblies.AddItemAsync(s, meeting, new AgendaItemInput { Title = new string('x', 301) }, Ct)).FirstError!.Field);
        Assert.Equal(nameof(AgendaItemInput.BudgetId), (await Assemblies.AddItemAsync(s, meeting, new AgendaItemInput { Title = "Budget", BudgetId = Guid.NewGuid() }, Ct)).FirstError!.Field);
        Assert.Equal(nameof(BallotInput.Vote), (await Session.VoteAsync(s, Guid.NewGuid(), new BallotInput { OwnerId = e.Owners[0], Vote = (Vote)42 }, Ct)).FirstError!.Field);
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        Assert.Equal(1, await db.Meetings.CountAsync(m => m.BuildingId == e.Building, Ct));
        Assert.Equal(0, await db.AgendaItems.CountAsync(i => i.MeetingId == meeting, Ct));
    }
}
