using System.Text.RegularExpressions;
using KoproGo.Core.Common;
using KoproGo.Core.Features.Documents;
using KoproGo.Core.Features.Files;
using KoproGo.Core.Features.Notifications;
using KoproGo.Core.Features.Owners;
using KoproGo.Core.Features.UserAccounts;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using netDumbster.smtp;
using UglyToad.PdfPig;

namespace KoproGo.IntegrationTests;

[Collection(DatabaseCollection.Name)]
public partial class InvitationOutboxDocumentTests(DatabaseFixture fx)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex(@"token=([A-Za-z0-9_\-]+)")]
    private static partial Regex TokenInLink();

    private async Task<string> InvitationTokenAsync(Guid ownerId)
    {
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        var owner = await db.Owners.FirstAsync(o => o.Id == ownerId, Ct);
        var mail = await db.OutboxEmails.Where(m => m.ToAddress == owner.Email).OrderByDescending(m => m.Id).FirstAsync(Ct);
        return TokenInLink().Match(mail.TextBody).Groups[1].Value;
    }

    [Fact]
    public async Task Invitation_AcceptedOnce_LinksOwnerAndNotifiesSyndic()
    {
        var w = await World.CreateAsync(fx, Ct);
        var invitations = fx.Get<IInvitationService>();
        Assert.True((await invitations.InviteOwnerAsync(w.Syndic, w.OwnerB, Ct)).Succeeded);
        var token = await InvitationTokenAsync(w.OwnerB);

        // the mail is in the owner's language (Dutch); looked up by recipient, as other tests move the shared clock
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct))
        {
            var email = await db.Owners.Where(o => o.Id == w.OwnerB).Select(o => o.Email).FirstAsync(Ct);
            Assert.Contains("nodigt u uit", (await db.OutboxEmails.SingleAsync(m => m.ToAddress == email, Ct)).Subject, StringComparison.Ordinal);
        }

        var weak = await invitations.AcceptAsync(new AcceptInvitationInput { Token = token, Password = "short", ConfirmPassword = "short" }, null, null, Ct);
        Assert.Contains(weak.Errors, e => e.Code == "identity.PasswordTooShort");

        var accepted = await invitations.AcceptAsync(new AcceptInvitationInput { Token = token, Password = "Correct-horse-9", ConfirmPassword = "Correct-horse-9" }, "10.0.0.1", "test", Ct);
        Assert.True(accepted.Succeeded, string.Join(",", accepted.Errors.Select(e => e.Code)));
        var again = await invitations.AcceptAsync(new AcceptInvitationInput { Token = token, Password = "Correct-horse-9", ConfirmPassword = "Correct-horse-9" }, null, null, Ct);
        Assert.Equal("error.invitation_invalid", again.FirstError!.Code);

        var actor = (await fx.Get<IActorFactory>().ForUserAsync(accepted.Value, null, null, Ct))!;
        Assert.Contains(w.OwnerB, actor.OwnerIds);
        var syndicNotifications = await fx.Get<INotificationService>().ListAsync(w.Syndic, new PageRequest(), Ct);
        Assert.Contains(syndicNotifications.Items, n => n.TextKey == "notify.invitation_accepted");

        // re-inviting a linked owner is refused
        Assert.Equal("error.owner_already_linked", (await invitations.InviteOwnerAsync(w.Syndic, w.OwnerB, Ct)).FirstError!.Code);
    }

    [Fact]
    public async Task Invitation_AddressSharedWithAnotherOwnerRecord_IsRefused_NamingTheOther()
    {
        var w = await World.CreateAsync(fx, Ct);
        string email;
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct))
            email = (await db.Owners.FirstAsync(o => o.Id == w.OwnerA, Ct)).Email!;
        // a spouse's record with the family's address (other case): allowed as a record, mail goes to both
        var spouse = await fx.Get<IOwnerService>().CreateAsync(w.Syndic, w.OrganisationId,
            new OwnerInput { FirstName = "Anne", LastName = "Partage", Email = email.ToUpperInvariant(), PreferredLanguage = "fr-BE" }, Ct);
        Assert.True(spouse.Succeeded, string.Join(",", spouse.Errors.Select(e => e.Code)));
        var refused = await fx.Get<IInvitationService>().InviteOwnerAsync(w.Syndic, w.OwnerA, Ct);
        Assert.Equal(("error.invite_shared_email", (object?)"Partage Anne"), (refused.FirstError!.Code, refused.FirstError.Args[0]));
        await using var check = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        Assert.False(await check.Invitations.AnyAsync(i => i.OwnerId == w.OwnerA, Ct));
    }

    [Fact]
    public async Task Invitation_EmailAlreadyHasAccount_BecomesAnOfferTheAccountAccepts()
    {
        var w = await World.CreateAsync(fx, Ct);
        string email;
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct))
            email = (await db.Owners.FirstAsync(o => o.Id == w.OwnerA, Ct)).Email!;
        var existing = await World.UserAsync(fx, email, [], Ct);
        var invitations = fx.Get<IInvitationService>();
        Assert.True((await invitations.InviteOwnerAsync(w.Syndic, w.OwnerA, Ct)).Succeeded);
        // no link by mail and no rights yet: the person answers from their own account
        var offer = Assert.Single(await invitations.MyInvitationsAsync(existing, Ct));
        Assert.Equal(Role.Owner, offer.Role);
        Assert.Empty((await fx.Get<IActorFactory>().ForUserAsync(existing.UserId!, null, null, Ct))!.Grants);
        Assert.Equal(Errors.NotFound, (await invitations.AcceptRoleAsync(w.OwnerActorB, offer.Id, Ct)).FirstError!.Code);
        Assert.True((await invitations.AcceptRoleAsync(existing, offer.Id, Ct)).Succeeded);
        var actor = (await fx.Get<IActorFactory>().ForUserAsync(existing.UserId!, null, null, Ct))!;
        Assert.Contains(w.OwnerA, actor.OwnerIds);
        Assert.Equal("error.invitation_invalid", (await invitations.AcceptRoleAsync(existing, offer.Id, Ct)).FirstError!.Code);
    }

    [Fact]
    public async Task OutboxJob_SmtpDownForTenMinutes_BacksOffVisibly_ThenSendsEachMailOnce()
    {
        var w = await World.CreateAsync(fx, Ct);
        Assert.True((await fx.Get<IInvitationService>().InviteOwnerAsync(w.Syndic, w.OwnerA, Ct)).Succeeded);
        var anne = (await fx.Get<KoproGo.Core.Features.Owners.IOwnerService>().GetAsync(w.Syndic, w.OwnerA, Ct)).Value.Email;
        var admin = await World.UserAsync(fx, $"admin-{Guid.NewGuid():N}@example.be", [], Ct) with { IsSuperAdmin = true };
        async Task<OutboxRow> AnnesMailAsync() =>
            (await fx.Get<INotificationService>().OutboxAsync(admin, 500, Ct)).Value.Single(r => r.ToAddress == anne);

        using var server = Configuration.Configure().WithRandomPort().Build();
        var port = server.Configuration.Port;
        server.Stop();   // SMTP down: connection refused, as when the relay is away
        var transport = new SmtpEmailTransport(new SmtpOptions { Host = "127.0.0.1", Port = port, Security = SecureSocketOptions.None });
        var down = fx.Clock.GetUtcNow();
        // ten minutes of the minutely schedule: the mail is tried at 0, 1, 3 and 7 minutes (back-off 1, 2, 4, 8 min)
        var tried = new List<int>();
        for (var minute = 0; minute <= 10; minute++)
        {
            var before = (await AnnesMailAsync()).Attempts;
            await fx.OutboxJob(transport).RunAsync(Ct);
            if ((await AnnesMailAsync()).Attempts > before)
                tried.Add(minute);
            if (minute < 10)
                fx.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        Assert.Equal([0, 1, 3, 7], tried);
        // what /admin/outbox shows: still waiting, the relay's error, 4 attempts, the next one 8 minutes after the last
        var waiting = await AnnesMailAsync();
        Assert.Null(waiting.SentAt);
        Assert.Equal(4, waiting.Attempts);
        Assert.False(string.IsNullOrEmpty(waiting.LastError));
        Assert.InRange(waiting.NextAttemptAt, down.AddMinutes(15).AddMilliseconds(-1), down.AddMinutes(15).AddMilliseconds(1));

        using var up = Configuration.Configure().WithPort(port).Build();
        fx.Clock.Advance(TimeSpan.FromMinutes(5));   // the next attempt is due
        await fx.OutboxJob(transport).RunAsync(Ct);
        await fx.OutboxJob(transport).RunAsync(Ct);   // idempotent: nothing left to send
        var mails = up.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data)))).ToList();
        // other tests queue mails too (the job sends them all): count this world's invitation only
        var sent = Assert.Single(mails, m => m.To.Mailboxes.Any(b => b.Address == anne));
        Assert.Equal($"{waiting.Id:N}@outbox.koprogo.be", sent.MessageId);
        var delivered = await AnnesMailAsync();
        Assert.NotNull(delivered.SentAt);
        Assert.Equal(5, delivered.Attempts);
        Assert.Null(delivered.LastError);
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct))
            Assert.False(await db.OutboxEmails.AnyAsync(m => m.SentAt == null && m.NextAttemptAt <= fx.Clock.GetUtcNow(), Ct));
    }

    [Theory]
    [InlineData("fr-BE", "Liste des copropriétaires", "Pleine propriété")]
    [InlineData("nl-BE", "Lijst van de mede-eigenaars", "Volle eigendom")]
    public async Task OwnerListPdf_InLanguage_HasLetterheadOwnersAndPageNumbers(string culture, string title, string right)
    {
        var w = await World.CreateAsync(fx, Ct);
        var pdf = await fx.Get<IDocumentService>().OwnerListPdfAsync(w.Syndic, w.BuildingA, culture, Ct);
        Assert.True(pdf.Succeeded);
        using var doc = PdfDocument.Open(pdf.Value.Content);
        var text = string.Join(" ", doc.GetPages().Select(p => p.Text)).Replace('\u202f', ' ').Replace('\u00a0', ' ');
        Assert.Contains(title, text, StringComparison.Ordinal);
        Assert.Contains("Alpha Anne", text, StringComparison.Ordinal);
        Assert.Contains(right, text, StringComparison.Ordinal);
        Assert.Contains("Syndic ", text, StringComparison.Ordinal);   // letterhead: organisation name
        Assert.DoesNotContain("Beta Bert", text, StringComparison.Ordinal);   // building B's owner
        Assert.Contains("1 / 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_TypeCheckedFromBytes_AndReadableOnlyInsideTheBuilding()
    {
        var w = await World.CreateAsync(fx, Ct);
        var files = fx.Get<IFileService>();
        var fake = await files.UploadBuildingDocumentAsync(w.Syndic, w.BuildingA, new MemoryStream("<html>not a pdf</html>"u8.ToArray()), "statuts.pdf", Ct);
        Assert.Equal("error.file_type", fake.FirstError!.Code);
        var tooBig = await files.UploadBuildingDocumentAsync(w.Syndic, w.BuildingA, new MemoryStream([.. "%PDF-"u8, .. new byte[2 * 1024 * 1024]]), "big.pdf", Ct);
        Assert.Equal("error.file_too_large", tooBig.FirstError!.Code);
        var ok = await files.UploadBuildingDocumentAsync(w.Syndic, w.BuildingA, new MemoryStream("%PDF-1.7 statuts"u8.ToArray()), "../../etc/statuts.pdf", Ct);
        Assert.True(ok.Succeeded);

        var asOwner = await files.OpenAsync(w.OwnerActorA, ok.Value, Ct);
        Assert.Equal(("statuts.pdf", "application/pdf"), (asOwner.Value.FileName, asOwner.Value.ContentType));
        await asOwner.Value.Content.DisposeAsync();
        Assert.Equal(ErrorKind.NotFound, (await files.OpenAsync(w.OwnerActorB, ok.Value, Ct)).FirstError!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await files.OpenAsync(w.Contractor, ok.Value, Ct)).FirstError!.Kind);
    }
}
