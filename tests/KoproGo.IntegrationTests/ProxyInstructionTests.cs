using KoproGo.Core.Common;
using KoproGo.Core.Features.Assemblies;
using KoproGo.Core.Features.Audit;
using KoproGo.Core.Features.Files;
using Microsoft.EntityFrameworkCore;

namespace KoproGo.IntegrationTests;

/// <summary>
/// Voting before the meeting, the Belgian way (Art. 3.87 §7): a proxy with written instructions per resolution, which the
/// app casts as instructed when the item opens and which the holder cannot override; it holds for the second session.
/// </summary>
public partial class AssemblyTests
{
    [Fact]
    public async Task ProxyInstructions_AreCastAsTheItemOpens_TheHolderCannotOverrideThem_AndTheyHoldForTheSecondSession()
    {
        var e = await TenOwnersAsync();
        var s = e.World.Syndic;
        var meeting = await ConvenedAsync(e, Resolution("Remplacement de l'ascenseur"), Resolution("Peinture du hall"));
        var first = (await Assemblies.GetAsync(s, meeting, Ct)).Value.Items;
        var (lift, hall) = (first[0].Id, first[1].Id);

        // owner 6 (80 shares) gives owner 10 (30) a proxy that says "against" on the lift and leaves the hall to the holder
        ProxyInput Form(Dictionary<Guid, Vote> instructions) => new() { GrantorOwnerId = e.Owners[5], HolderOwnerId = e.Owners[9], Instructions = instructions };
        Assert.Equal("error.proxy_instruction_item", (await Session.GrantProxyAsync(s, meeting, Form(new() { [Guid.NewGuid()] = Vote.For }), Ct)).FirstError!.Code);
        Assert.Equal("error.vote_choose", (await Session.GrantProxyAsync(s, meeting, Form(new() { [lift] = (Vote)42 }), Ct)).FirstError!.Code);
        Assert.True((await Session.GrantProxyAsync(s, meeting, Form(new() { [lift] = Vote.Against }), Ct)).Succeeded);
        Assert.Equal(1, (await Assemblies.GetAsync(s, meeting, Ct)).Value.Proxies.Single().Instructions);

        // the first session lacks the quorum (3 heads, 260 shares): the second one inherits the proxy and its instruction
        ToTheMeeting();
        await ArriveAsync(e, meeting, 9, 1);
        Assert.Equal(QuorumState.NotReached, (await Session.OpenAsync(s, meeting, Ct)).Value);
        var second = (await Assemblies.ConveneSecondSessionAsync(s, meeting, At(fx.Clock.GetUtcNow().AddDays(16)), Ct)).Value;
        var detail = (await Assemblies.GetAsync(s, second, Ct)).Value;
        Assert.Equal(1, detail.Proxies.Single().Instructions);
        (lift, hall) = (detail.Items[0].Id, detail.Items[1].Id);

        fx.Clock.Advance(TimeSpan.FromDays(16));
        await ArriveAsync(e, second, 9, 1, 2);
        Assert.Equal(QuorumState.SecondSession, (await Session.OpenAsync(s, second, Ct)).Value);
        Assert.True((await Session.OpenItemAsync(s, lift, Ct)).Succeeded);

        // the instructed voice is already cast; the holder sees it and cannot turn it into a "for"
        var voices = (await Assemblies.GetAsync(e.OwnerActors[9], second, Ct)).Value.MyVoices;
        var represented = voices.Single(v => v.OwnerId == e.Owners[5]);
        Assert.Equal((Vote.Against, Vote.Against), (represented.Vote, represented.Instructed));
        Assert.Null(voices.Single(v => v.OwnVoice).Instructed);
        var refused = (await Session.VoteAsync(e.OwnerActors[9], lift, new BallotInput { OwnerId = e.Owners[5], Vote = Vote.For }, Ct)).FirstError!;
        Assert.Equal(("error.vote_instructed", "Owner06 Test"), (refused.Code, refused.Args.Single()?.ToString()));
        Assert.Equal("error.vote_instructed", (await Session.VoteAsync(s, lift, new BallotInput { OwnerId = e.Owners[5], Vote = Vote.Abstain }, Ct)).FirstError!.Code);
        await VoteAsync(e, lift, 9, Vote.For);
        await VoteAsync(e, lift, 1, Vote.For);
        await VoteAsync(e, lift, 2, Vote.Against);
        var outcome = (await Session.CloseItemAsync(s, lift, Ct)).Value;
        // for 30 + 150 = 180, against 80 (as instructed) + 120 = 200
        Assert.Equal((false, 180m, 200m), (outcome.Adopted, outcome.For, outcome.Against));

        // no instruction on the hall: the holder decides
        Assert.True((await Session.OpenItemAsync(s, hall, Ct)).Succeeded);
        Assert.Null((await Assemblies.GetAsync(e.OwnerActors[9], second, Ct)).Value.MyVoices.Single(v => v.OwnerId == e.Owners[5]).Vote);
        await VoteAsync(e, hall, 5, Vote.For, by: e.OwnerActors[9]);

        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.EntityId == second.ToString() && a.Action == "meeting.vote_instructed", Ct));
        Assert.Equal(2, await db.ProxyInstructions.CountAsync(i => i.AgendaItemId == first[0].Id || i.AgendaItemId == lift, Ct));
    }

    [Fact]
    public async Task SignedProxyForm_PdfOrImageOnly_KeptForTheSyndicsOffice_NotShownToOwners()
    {
        var e = await TenOwnersAsync();
        var s = e.World.Syndic;
        var meeting = await ConvenedAsync(e, Resolution("Approbation des comptes"));
        var proxy = (await Session.GrantProxyAsync(s, meeting, new ProxyInput { GrantorOwnerId = e.Owners[5], HolderOwnerId = e.Owners[0] }, Ct)).Value;
        Task<Result> AttachAsync(Actor actor, byte[] bytes, string name = "procuration.pdf") =>
            Session.AttachProxyFormAsync(actor, proxy, new MemoryStream(bytes), name, Ct);
        var pdf = "%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF"u8.ToArray();

        Assert.Equal("error.file_type", (await AttachAsync(s, "not a scan"u8.ToArray(), "procuration.txt")).FirstError!.Code);
        Assert.Equal("error.file_empty", (await AttachAsync(s, [])).FirstError!.Code);
        Assert.Equal(Errors.Forbidden, (await AttachAsync(e.OwnerActors[5], pdf)).FirstError!.Code);       // the grantor cannot file it themselves
        Assert.Equal(Errors.NotFound, (await Session.AttachProxyFormAsync(s, Guid.NewGuid(), new MemoryStream(pdf), "x.pdf", Ct)).FirstError!.Code);
        Assert.True((await AttachAsync(s, pdf)).Succeeded);

        var form = (await Assemblies.GetAsync(s, meeting, Ct)).Value.Proxies.Single().SignedFormFileId;
        Assert.NotNull(form);
        Assert.Null((await Assemblies.GetAsync(e.OwnerActors[0], meeting, Ct)).Value.Proxies.Single().SignedFormFileId);
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        var file = await db.Files.SingleAsync(f => f.Id == form, Ct);
        Assert.Equal(("application/pdf", DocumentAudience.Staff), (file.ContentType, file.Audience));
        Assert.Equal(Errors.NotFound, (await fx.Get<IFileService>().OpenAsync(e.OwnerActors[5], form!.Value, Ct)).FirstError!.Code);
    }
}
