using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KoproGo.E2E;

/// <summary>
/// The general assembly in the browser (SPEC §5): the syndic runs Résidence Horta's convened meeting, an owner votes
/// from a phone-sized screen, the syndic records a paper vote, and the room screen follows the votes without a reload
/// (pushed through PostgreSQL).
/// </summary>
[Collection(AppCollection.Name)]
public class AssemblyFlowTests(AppFixture app)
{
    [Fact]
    public async Task Syndic_OpensTheMeeting_OwnersVoteOnTheirPhones_TheRoomScreenFollowsLive()
    {
        // the demo's meeting is convened five weeks ahead: its day has come (the convocation period was checked when it was sent)
        var meeting = await app.ScalarAsync<Guid>("SELECT m.id FROM meetings m JOIN buildings b ON b.id = m.building_id WHERE b.slug = 'residence-horta' AND m.status = 'Convened'");
        await Sql.ExecAsync(app.ConnectionString, $"UPDATE meetings SET starts_at = now() + interval '10 minutes' WHERE id = '{meeting}'");
        var url = $"/assemblies/{meeting}";

        // a tenant writes an observation from the notice's link, on a phone: the syndic reads it with the agenda
        await using (var tenant = await app.NewSessionAsync())
        {
            await tenant.Page.SetViewportSizeAsync(390, 844);
            await tenant.SignInAsync("locataire@example.be");
            await tenant.GotoAsync(url + "/observations");
            await tenant.Page.Locator("#observation-text").FillAsync("L'éclairage du hall reste allumé toute la nuit.");
            await tenant.Page.Locator("#observation-send").ClickAsync();
            await Expect(tenant.Page.Locator(".mud-snackbar")).ToContainTextAsync("Observation envoyée");
            Assert.True(await tenant.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 390"), "the observations page is wider than the phone");
            await tenant.CheckAccessibilityAsync("assembly-observations-phone");
            tenant.AssertNoErrors();
        }

        await using var syndic = await app.NewSessionAsync();
        await syndic.SignInAsync("syndic@horta.be");
        await syndic.GotoAsync($"/assemblies?building={await app.BuildingIdAsync("residence-horta")}");
        await Expect(syndic.Page.Locator("#meetings")).ToContainTextAsync("Convoquée");
        // last November's assembly elected Anne Claes to the council and renewed the syndic's mandate
        await Expect(syndic.Page.Locator("#governance .council-member")).ToContainTextAsync("Claes Anne");
        await Expect(syndic.Page.Locator("#syndic-mandate")).ToContainTextAsync("Syndic Horta");
        await syndic.CheckAccessibilityAsync("assemblies");
        await syndic.GotoAsync(url);
        await Expect(syndic.Page.Locator("#agenda .agenda-item")).ToHaveCountAsync(5);
        await Expect(syndic.Page.Locator(".proxy-line")).ToHaveCountAsync(2);
        await Expect(syndic.Page.Locator("#observations .observation")).ToContainTextAsync("éclairage du hall");
        // a proxy form can instruct the vote on each resolution still to come
        await syndic.Page.Locator("#add-proxy").ClickAsync();
        var resolutions = await app.ScalarAsync<long>($"SELECT count(*) FROM agenda_items WHERE meeting_id = '{meeting}' AND kind = 'Resolution'");
        await Expect(syndic.Page.Locator(".mud-dialog .proxy-instruction")).ToHaveCountAsync((int)resolutions);
        await syndic.CheckAccessibilityAsync("assembly-proxy-dialog");
        await syndic.Page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Annuler" }).ClickAsync();
        await Expect(syndic.Page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        // the scan of a signed form is kept with its proxy
        await syndic.Page.Locator(".proxy-line input[type=file]").First.SetInputFilesAsync(new FilePayload
        {
            Name = "procuration-signee.pdf",
            MimeType = "application/pdf",
            Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray(),
        });
        await Expect(syndic.Page.Locator(".proxy-line .proxy-form")).ToHaveCountAsync(1);

        // Marie joins remotely from her phone
        await using var marie = await PhoneAsync("marie.dubois@example.be", url);

        // the syndic records everyone else as present, then opens the meeting
        var arrive = syndic.Page.Locator(".roll-arrive");
        while (await arrive.CountAsync() > 0)
        {
            var before = await arrive.CountAsync();
            await arrive.First.ClickAsync();
            await Expect(arrive).ToHaveCountAsync(before - 1);
        }
        await Expect(syndic.Page.Locator("#quorum-state")).ToContainTextAsync("Quorum atteint");
        await syndic.Page.Locator("#meeting-open").ClickAsync();
        await Expect(syndic.Page.Locator("#meeting-status")).ToContainTextAsync("En séance");
        await syndic.CheckAccessibilityAsync("assembly-session");

        await using var room = await app.NewSessionAsync();
        await room.SignInAsync("syndic@horta.be");
        await room.GotoAsync(url + "/room");

        // "approve the accounts" is put to the vote: the phones show the ballot without a reload
        await syndic.Page.Locator(".agenda-item").Filter(new() { HasText = "Approbation des comptes" }).Locator(".item-open").ClickAsync();
        await Expect(marie.Page.Locator("#my-ballot-item")).ToContainTextAsync("Approbation des comptes");
        await Expect(room.Page.Locator("#room-item")).ToContainTextAsync("Approbation des comptes");
        await marie.CheckAccessibilityAsync("assembly-ballot-phone");

        await marie.Page.Locator("#my-ballot .my-voice").First.Locator(".vote-for").ClickAsync();
        await Expect(marie.Page.Locator("#my-ballot .my-vote-confirmed").First).ToContainTextAsync("Pour");
        // a show of hands in the room, recorded by the syndic
        await syndic.Page.Locator(".roll-line").Filter(new() { HasText = "Lefèvre Pierre" }).Locator(".record-against").ClickAsync();
        // pushed to the room screen: two ballots counted, neither page reloaded
        await Expect(room.Page.Locator("#room")).ToContainTextAsync("2 bulletin(s)");
        await room.CheckAccessibilityAsync("assembly-room");

        await syndic.Page.Locator(".agenda-item").Filter(new() { HasText = "Approbation des comptes" }).Locator(".item-close").ClickAsync();
        await Expect(room.Page.Locator("#room .tally-result")).ToBeVisibleAsync();
        await Expect(marie.Page.Locator("#my-ballot")).ToHaveCountAsync(0);
        Assert.Equal(1, await app.ScalarAsync<long>($"SELECT count(*) FROM agenda_items WHERE meeting_id = '{meeting}' AND status = 'Closed'"));

        // Marie's convocation with her proxy form; once the meeting is closed, the minutes with the vote and who voted against
        Assert.Contains("Procuration", await PdfTextAsync(marie.Page, await marie.Page.Locator("#my-convocation").GetAttributeAsync("href")), StringComparison.Ordinal);
        await syndic.Page.Locator("#meeting-close").ClickAsync();
        await Expect(syndic.Page.Locator("#meeting-status")).ToContainTextAsync("Clôturée");
        var minutes = await PdfTextAsync(syndic.Page, await syndic.Page.Locator("#meeting-minutes").GetAttributeAsync("href"));
        Assert.Contains("Approbation des comptes", minutes, StringComparison.Ordinal);
        Assert.Contains("Ont voté contre : Lefèvre Pierre", minutes, StringComparison.Ordinal);
        Assert.Equal(2, await app.ScalarAsync<long>($"SELECT count(*) FROM item_ballots b JOIN agenda_items i ON i.id = b.agenda_item_id WHERE i.meeting_id = '{meeting}'"));

        // the minutes: Marie chaired, the syndic kept them; once fixed, three people sign, each on their own device
        await syndic.Page.Locator("#bureau-president").ClickAsync();
        await syndic.Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Dubois Marie" }).First.ClickAsync();
        await syndic.Page.Locator("#bureau-save").ClickAsync();
        await Expect(syndic.Page.Locator("#minutes-bureau")).ToContainTextAsync("Dubois Marie");
        await syndic.Page.Locator("#minutes-draw-up").ClickAsync();
        await Expect(syndic.Page.Locator("#minutes-hash")).ToContainTextAsync("SHA-256");
        await marie.Page.Locator("#minutes-sign").ClickAsync();                         // shown to her without a reload (pushed)
        await Expect(marie.Page.Locator("#minutes-signatures .minutes-signature")).ToHaveCountAsync(1);
        await marie.CheckAccessibilityAsync("assembly-minutes-phone");
        await syndic.Page.Locator("#minutes-sign").ClickAsync();
        await using (var anne = await app.NewSessionAsync())
        {
            await anne.Page.SetViewportSizeAsync(390, 844);
            await anne.SignInAsync("conseil@horta.be");
            await anne.GotoAsync(url);
            await anne.Page.Locator("#minutes-sign").ClickAsync();
            await Expect(anne.Page.Locator("#minutes-signatures .minutes-signature")).ToHaveCountAsync(3);
            anne.AssertNoErrors();
        }
        await Expect(syndic.Page.Locator("#minutes-signatures .minutes-signature")).ToHaveCountAsync(3);
        await syndic.CheckAccessibilityAsync("assembly-minutes");
        await syndic.Page.Locator("#minutes-send").ClickAsync();
        await Expect(syndic.Page.Locator("#meeting-status")).ToContainTextAsync("Procès-verbal envoyé");
        var hash = await app.ScalarAsync<string>($"SELECT minutes_sha256 FROM meetings WHERE id = '{meeting}'");
        var signed = await PdfTextAsync(syndic.Page, await syndic.Page.Locator("#meeting-minutes").GetAttributeAsync("href"));
        Assert.Contains(hash, signed, StringComparison.Ordinal);
        foreach (var signer in new[] { "Dubois Marie", "Sophie Lambert", "Claes Anne" })
            Assert.Contains(signer, signed, StringComparison.Ordinal);

        // the register of decisions: this meeting's and last November's, where the demo's budget was adopted
        await syndic.GotoAsync($"/assemblies/decisions?building={await app.BuildingIdAsync("residence-horta")}");
        await Expect(syndic.Page.Locator("#decisions .decision-row").Filter(new() { HasText = "Approbation des comptes" })).ToHaveCountAsync(2);
        await Expect(syndic.Page.Locator("#decisions .decision-row").Filter(new() { HasText = "Approbation du budget" })).ToHaveCountAsync(1);
        await syndic.CheckAccessibilityAsync("assembly-decisions");
        foreach (var s in new[] { syndic, marie, room })
            s.AssertNoErrors();
    }

    private async Task<string> PdfTextAsync(IPage page, string? href)
    {
        var response = await page.APIRequest.GetAsync(app.BaseUrl + href);
        Assert.Equal("application/pdf", response.Headers["content-type"]);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(await response.BodyAsync());
        return string.Join(" ", pdf.GetPages().Select(p => p.Text)).Replace('\u202f', ' ').Replace('\u00a0', ' ');
    }

    private async Task<Session> PhoneAsync(string email, string url)
    {
        var owner = await app.NewSessionAsync();
        await owner.Page.SetViewportSizeAsync(390, 844);
        await owner.SignInAsync(email);
        await owner.GotoAsync(url);
        await owner.Page.Locator("#meeting-join").ClickAsync();
        await Expect(owner.Page.Locator("#meeting-join")).ToHaveCountAsync(0);
        Assert.True(await owner.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 390"), "the meeting page is wider than the phone");
        return owner;
    }
}
