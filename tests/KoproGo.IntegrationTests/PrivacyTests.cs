using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using KoproGo.Core.Common;
using KoproGo.Core.Features.Audit;
using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Notifications;
using KoproGo.Core.Features.Owners;
using KoproGo.Core.Features.Privacy;
using KoproGo.Core.Features.Tickets;
using KoproGo.Core.Features.UserAccounts;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KoproGo.IntegrationTests;

[Collection(DatabaseCollection.Name)]
public partial class PrivacyTests(DatabaseFixture fx)
{
    private const string Password = "Correct-horse-9";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private IPrivacyService Privacy => fx.Get<IPrivacyService>();

    [GeneratedRegex(@"token=([A-Za-z0-9_\-]+)")]
    private static partial Regex TokenInLink();

    /// <summary>A co-owner with a unique name who joined through the invitation flow: account, link, audit, mails.</summary>
    private async Task<(Actor Actor, Guid OwnerId, Guid UnitId, string LastName, string Email, string Phone)> PersonAsync(World w, string? lotNumber = null)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var phone = $"+32 470 {Random.Shared.Next(100000, 999999)}";
        var lastName = $"Zorglub{suffix}";
        var email = $"erika.{suffix}@example.be";
        var unit = (await fx.Get<IBuildingService>().CreateUnitAsync(w.Syndic, w.BuildingA, new UnitInput { Number = lotNumber ?? $"Z{suffix[..4]}", Shares = 10 }, Ct)).Value;
        var owners = fx.Get<IOwnerService>();
        var ownerId = (await owners.CreateAsync(w.Syndic, w.OrganisationId, new OwnerInput { FirstName = "Erika", LastName = lastName, Email = email, Phone = phone }, Ct)).Value;
        Assert.True((await owners.SaveOwnershipsAsync(w.Syndic, unit, new ChangeOwnershipInput { EffectiveDate = new DateOnly(2021, 3, 1), Lines = [new() { OwnerId = ownerId, IsPrimaryContact = true }] }, Ct)).Succeeded);
        var invitations = fx.Get<IInvitationService>();
        Assert.True((await invitations.InviteOwnerAsync(w.Syndic, ownerId, Ct)).Succeeded);
        string token;
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct))
        {
            var mail = await db.OutboxEmails.Where(m => m.ToAddress == email).OrderByDescending(m => m.Id).FirstAsync(Ct);
            token = TokenInLink().Match(mail.TextBody).Groups[1].Value;
        }
        var userId = (await invitations.AcceptAsync(new AcceptInvitationInput { Token = token, Password = Password, ConfirmPassword = Password }, "10.1.2.3", "tests", Ct)).Value;
        var actor = (await fx.Get<IActorFactory>().ForUserAsync(userId, "10.1.2.3", "tests", Ct))!;
        return (actor, ownerId, unit, lastName, email, phone);
    }

    private async Task<int> AuditCountAsync(string userId, string action)
    {
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        return await db.AuditEntries.CountAsync(a => a.EntityId == userId && a.Action == action, Ct);
    }

    [Fact]
    public async Task Export_InABuildingWithManyOwners_HoldsOnlyTheSubjectsRows()
    {
        var w = await World.CreateAsync(fx, Ct);
        var person = await PersonAsync(w);
        var owners = fx.Get<IOwnerService>();
        var neighbours = new List<string>();
        for (var i = 0; i < 15; i++)
        {
            var name = $"Neighbour{i}x{Guid.NewGuid():N}"[..20];
            neighbours.Add(name);
            var unit = (await fx.Get<IBuildingService>().CreateUnitAsync(w.Syndic, w.BuildingA, new UnitInput { Number = $"N{i}", Shares = 5 }, Ct)).Value;
            var id = (await owners.CreateAsync(w.Syndic, w.OrganisationId, new OwnerInput { LastName = name, Email = $"{name.ToLowerInvariant()}@example.be" }, Ct)).Value;
            Assert.True((await owners.SaveOwnershipsAsync(w.Syndic, unit, new ChangeOwnershipInput { EffectiveDate = new DateOnly(2022, 1, 1), Lines = [new() { OwnerId = id, IsPrimaryContact = true }] }, Ct)).Succeeded);
        }
        // a co-owner of the person's own lot: their shared lot is the person's data, the co-owner's identity is not
        var coOwner = (await owners.CreateAsync(w.Syndic, w.OrganisationId, new OwnerInput { LastName = "Coowner" + Guid.NewGuid().ToString("N")[..6], Email = "co@example.be" }, Ct)).Value;
        Assert.True((await owners.SaveOwnershipsAsync(w.Syndic, person.UnitId, new ChangeOwnershipInput
        {
            EffectiveDate = new DateOnly(2024, 1, 1),
            Lines = [new() { OwnerId = person.OwnerId, Percentage = 50, IsPrimaryContact = true }, new() { OwnerId = coOwner, Percentage = 50 }],
        }, Ct)).Succeeded);

        var export = await Privacy.ExportAsync(person.Actor, Ct);

        Assert.True(export.Succeeded);
        var text = Encoding.UTF8.GetString(export.Value.Json);
        using var json = JsonDocument.Parse(text);
        Assert.Equal(person.Email, json.RootElement.GetProperty("account").GetProperty("profile").GetProperty("email").GetString());
        var ownerRecords = json.RootElement.GetProperty("owners");
        Assert.Equal(1, ownerRecords.GetArrayLength());
        Assert.Equal(person.LastName, ownerRecords[0].GetProperty("lastName").GetString());
        Assert.Equal(2, ownerRecords[0].GetProperty("ownerships").GetArrayLength());     // 100 % then 50 %
        Assert.Contains("ownership_changed", text, StringComparison.Ordinal);              // their own notification
        foreach (var other in neighbours.Append("Coowner").Append("co@example.be").Append("Alpha").Append("Beta").Append(w.Syndic.Name))
            Assert.DoesNotContain(other, text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, await AuditCountAsync(person.Actor.UserId!, "gdpr.exported"));
    }

    [Fact]
    public async Task Export_BeyondTenPerHour_RefusedWithTheWaitingTime_AndAudited()
    {
        var w = await World.CreateAsync(fx, Ct);
        var person = await PersonAsync(w);
        // parallel clicks: the user row lock makes the quota exact
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Privacy.ExportAsync(person.Actor, Ct)));

        Assert.Equal(10, results.Count(r => r.Succeeded));
        var refused = results.First(r => !r.Succeeded).FirstError!;
        Assert.Equal("gdpr.export_limited", refused.Code);
        Assert.Equal(60, refused.Args[1]);
        Assert.Equal(2, await AuditCountAsync(person.Actor.UserId!, "gdpr.export_refused"));

        fx.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.True((await Privacy.ExportAsync(person.Actor, Ct)).Succeeded);
    }

    [Fact]
    public async Task Rectify_BadInput_ChangesNothing_GoodInput_UpdatesAccountAndOwnerRecord_WithOldAndNewInAudit()
    {
        var w = await World.CreateAsync(fx, Ct);
        var person = await PersonAsync(w);
        var other = await PersonAsync(w);
        RectificationInput Input(string email, string? password = null) => new()
        {
            DisplayName = "Erika Zorglub-Martin",
            Email = email,
            Phone = "+32 2 555 00 00",
            PostalAddress = "Rue de la Loi 16, 1000 Bruxelles",
            CurrentPassword = password,
        };

        Assert.Equal("error.invalid_email", (await Privacy.RectifyAsync(person.Actor, Input("not-an-email"), Ct)).FirstError!.Code);
        Assert.Equal("error.email_in_use", (await Privacy.RectifyAsync(person.Actor, Input(other.Email.ToUpperInvariant(), Password), Ct)).FirstError!.Code);
        var wrong = await Privacy.RectifyAsync(person.Actor, Input("new." + person.Email, "wrong-password"), Ct);
        Assert.Equal("error.password_wrong", wrong.FirstError!.Code);
        Assert.Equal(1, await AuditCountAsync(person.Actor.UserId!, "gdpr.rectify_refused"));
        var unchanged = (await Privacy.StatusAsync(person.Actor, Ct)).Value;
        Assert.Equal(person.Email, unchanged.Email);
        Assert.Null(unchanged.PostalAddress);

        Assert.True((await Privacy.RectifyAsync(person.Actor, Input("new." + person.Email, Password), Ct)).Succeeded);

        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        var user = await db.Users.SingleAsync(u => u.Id == person.Actor.UserId, Ct);
        Assert.Equal("Rue de la Loi 16, 1000 Bruxelles", user.PostalAddress);
        var owner = await db.Owners.SingleAsync(o => o.Id == person.OwnerId, Ct);
        Assert.Equal("+32 2 555 00 00", owner.Phone);
        var audit = await db.AuditEntries.SingleAsync(a => a.EntityId == person.Actor.UserId && a.Action == "gdpr.rectified", Ct);
        Assert.Contains("\"old\": null", audit.Details, StringComparison.Ordinal);
        Assert.Contains("\"new\": \"Rue de la Loi 16, 1000 Bruxelles\"", audit.Details, StringComparison.Ordinal);
        // the sign-in name waits for the new mailbox: pending, not changed
        Assert.Equal(person.Email, user.Email);
        Assert.Equal(person.Email, owner.Email);
        Assert.Equal("new." + person.Email, (await Privacy.StatusAsync(person.Actor, Ct)).Value.PendingEmail);
        // the old address is told, in case the account is being taken over
        Assert.True(await db.OutboxEmails.AnyAsync(m => m.ToAddress == person.Email && m.TextBody.Contains("new." + person.Email), Ct));
    }

    [Fact]
    public async Task Erase_WhileCoOwner_IsBlocked_ListsTheLot_AndChangesNothing()
    {
        var w = await World.CreateAsync(fx, Ct);
        var person = await PersonAsync(w, "Z-42");

        var check = await Privacy.CheckErasureAsync(person.Actor, Ct);
        Assert.False(check.Value.Allowed);
        var blocker = Assert.Single(check.Value.Blockers);
        Assert.Equal("gdpr.blocker.current_owner", blocker.TextKey);
        Assert.Equal("Z-42", blocker.Args[0]);

        Assert.Equal("gdpr.erase_blocked", (await Privacy.EraseAsync(person.Actor, Password, Ct)).FirstError!.Code);
        Assert.Equal("error.password_wrong", (await Privacy.EraseAsync(person.Actor, "nope", Ct)).FirstError!.Code);
        Assert.Equal(2, await AuditCountAsync(person.Actor.UserId!, "gdpr.erase_refused"));
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        Assert.Equal(person.LastName, (await db.Owners.SingleAsync(o => o.Id == person.OwnerId, Ct)).LastName);
        Assert.NotNull(await fx.Get<IActorFactory>().ForUserAsync(person.Actor.UserId!, null, null, Ct));
    }

    [Fact]
    public async Task Erase_AfterTheSale_LeavesTheNameAndEmailNowhere_AndTheAccountCannotSignIn()
    {
        var w = await World.CreateAsync(fx, Ct);
        var person = await PersonAsync(w);
        var owners = fx.Get<IOwnerService>();
        // traces of the person in other people's data: the syndic's notification, audit details, a rectified old email
        Assert.True((await Privacy.RectifyAsync(person.Actor, new RectificationInput { DisplayName = "Erika " + person.LastName, Email = "x" + person.Email, CurrentPassword = Password }, Ct)).Succeeded);
        var actor = (await fx.Get<IActorFactory>().ForUserAsync(person.Actor.UserId!, "10.1.2.3", "tests", Ct))!;
        Assert.True((await Privacy.AcceptLegalTextsAsync(actor, Ct)).Succeeded);
        // and on the notice board, under their name
        var notices = fx.Get<KoproGo.Core.Features.Notices.INoticeService>();
        var notice = (await notices.SaveAsync(actor, w.BuildingA, null, new KoproGo.Core.Features.Notices.NoticeInput
        { Category = KoproGo.Core.Features.Notices.NoticeCategory.ForSale, Title = "Armoire", Body = "Chêne massif", Price = 10m }, Ct)).Value;
        Assert.True((await notices.PublishAsync(actor, notice, Ct)).Succeeded);
        Assert.True((await notices.CommentAsync(actor, w.BuildingA, notice, null, "Toujours disponible", Ct)).Succeeded);
        // a problem they reported, naming themselves, which the syndic gave to a contractor
        var tickets = fx.Get<ITicketService>();
        var ticket = (await tickets.ReportAsync(actor, w.BuildingA, new TicketInput
        { Title = "Sonnette de Erika " + person.LastName, Description = $"Appeler Erika {person.LastName} à l'interphone." }, Ct)).Value;
        Assert.True((await tickets.AssignAsync(w.Syndic, ticket, w.Contractor.UserId!, Ct)).Succeeded);
        Assert.True((await tickets.CommentAsync(actor, ticket, $"Erika {person.LastName} est là le matin.", Ct)).Succeeded);
        Assert.True((await Privacy.ExportAsync(actor, Ct)).Succeeded);
        // the lot is sold in 2025
        var buyer = (await owners.CreateAsync(w.Syndic, w.OrganisationId, new OwnerInput { LastName = "Buyer" }, Ct)).Value;
        Assert.True((await owners.TransferAsync(w.Syndic, person.UnitId, new ChangeOwnershipInput { EffectiveDate = new DateOnly(2025, 6, 30), Lines = [new() { OwnerId = buyer, IsPrimaryContact = true }] }, Ct)).Succeeded);
        Assert.True((await Privacy.CheckErasureAsync(actor, Ct)).Value.Allowed);

        Assert.True((await Privacy.EraseAsync(actor, Password, Ct)).Succeeded);

        foreach (var needle in new[] { person.LastName, person.Email, "x" + person.Email, person.Phone })
            Assert.Empty(await TextColumnsContainingAsync(needle));
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        var owner = await db.Owners.SingleAsync(o => o.Id == person.OwnerId, Ct);
        Assert.StartsWith("ANON-", owner.LastName, StringComparison.Ordinal);
        Assert.NotNull(owner.ErasedAt);
        Assert.Equal(2, await db.Ownerships.CountAsync(s => s.OwnerId == person.OwnerId || s.OwnerId == buyer, Ct));   // history kept
        var kept = await db.Tickets.SingleAsync(t => t.Id == ticket, Ct);
        Assert.StartsWith("Sonnette de ANON-", kept.Title, StringComparison.Ordinal);      // the building's history kept, pseudonymised
        var user = await db.Users.SingleAsync(u => u.Id == actor.UserId, Ct);
        Assert.Null(user.PasswordHash);
        Assert.Equal(DateTimeOffset.MaxValue, user.LockoutEnd);
        Assert.Null(await fx.Get<IActorFactory>().ForUserAsync(actor.UserId!, null, null, Ct));
        var erased = await db.AuditEntries.SingleAsync(a => a.EntityId == actor.UserId && a.Action == "gdpr.erased", Ct);
        Assert.Equal(owner.LastName, erased.ActorName);
        Assert.Null(erased.Ip);
        // a second attempt finds no such person
        Assert.Equal(Errors.NotFound, (await Privacy.EraseAsync(actor, Password, Ct)).FirstError!.Code);
    }

    [Fact]
    public async Task Erase_WithAnUnpaidBalance_IsBlockedUntilPaid_AndTheBooksKeepThePseudonymisedOwner()
    {
        var w = await World.CreateAsync(fx, Ct);
        var person = await PersonAsync(w);
        var owners = fx.Get<IOwnerService>();
        var buyer = (await owners.CreateAsync(w.Syndic, w.OrganisationId, new OwnerInput { LastName = "Buyer" }, Ct)).Value;
        Assert.True((await owners.TransferAsync(w.Syndic, person.UnitId, new ChangeOwnershipInput { EffectiveDate = new DateOnly(2026, 6, 30), Lines = [new() { OwnerId = buyer, IsPrimaryContact = true }] }, Ct)).Succeeded);
        var accounting = fx.Get<KoproGo.Core.Features.Accounting.IAccountingService>();
        var fiscalYearService = fx.Get<KoproGo.Core.Features.Accounting.IFiscalYearService>();
        var chartService = fx.Get<KoproGo.Core.Features.Accounting.IChartService>();
        Assert.True((await fiscalYearService.OpenNextFiscalYearAsync(w.Syndic, w.BuildingA, Ct)).Succeeded);
        var chart = (await chartService.ChartAsync(w.Syndic, w.OrganisationId, "fr-BE", Ct)).Value.ToDictionary(a => a.Code, a => a.Id);
        KoproGo.Core.Features.Accounting.EntryDraft Entry(string debit, string credit, bool ownerOnDebit) => new()
        {
            BuildingId = w.BuildingA,
            Date = new DateOnly(2026, 4, 1),
            Description = "Appel T2",
            Lines =
            [
                new() { AccountId = chart[debit], Debit = 250m, OwnerId = ownerOnDebit ? person.OwnerId : null },
                new() { AccountId = chart[credit], Credit = 250m, OwnerId = ownerOnDebit ? null : person.OwnerId },
            ],
        };
        Assert.True((await accounting.PostAsync(w.Syndic, Entry("4100", "701", ownerOnDebit: true), Ct)).Succeeded);

        var blocker = Assert.Single((await Privacy.CheckErasureAsync(person.Actor, Ct)).Value.Blockers);
        Assert.Equal("gdpr.blocker.unpaid", blocker.TextKey);
        Assert.Equal(250m, blocker.Args[0]);
        var export = System.Text.Encoding.UTF8.GetString((await Privacy.ExportAsync(person.Actor, Ct)).Value.Json);
        Assert.Contains("Appel T2", export, StringComparison.Ordinal);

        Assert.True((await accounting.PostAsync(w.Syndic, Entry("551", "4100", ownerOnDebit: false), Ct)).Succeeded);
        Assert.True((await Privacy.EraseAsync(person.Actor, Password, Ct)).Succeeded);
        var statement = (await fx.Get<KoproGo.Core.Features.Accounting.IAccountingReports>().OwnerStatementAsync(w.Syndic,
            new KoproGo.Core.Features.Accounting.ReportPeriod(w.BuildingA, (await fiscalYearService.FiscalYearsAsync(w.Syndic, w.BuildingA, Ct)).Value.Single().Id), person.OwnerId, Ct)).Value;
        Assert.StartsWith("ANON-", statement.OwnerName, StringComparison.Ordinal);
        Assert.Equal(2, statement.Lines.Count);
    }

    /// <summary>Every text column of every table of the database that holds <paramref name="needle"/> (case-insensitive).</summary>
    private async Task<List<string>> TextColumnsContainingAsync(string needle)
    {
        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        await conn.OpenAsync(Ct);
        var columns = new List<(string Schema, string Table, string Column)>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT c.table_schema, c.table_name, c.column_name FROM information_schema.columns c
              JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
             WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema') AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')
            """, conn))
        await using (var reader = await cmd.ExecuteReaderAsync(Ct))
            while (await reader.ReadAsync(Ct))
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        Assert.True(columns.Count > 50, "the scan should see every text column");
        var hits = new List<string>();
        foreach (var (schema, table, column) in columns)
        {
            await using var cmd = new NpgsqlCommand($"SELECT count(*) FROM \"{schema}\".\"{table}\" WHERE \"{column}\"::text ILIKE '%' || @needle || '%'", conn);
            cmd.Parameters.AddWithValue("needle", needle);
            if ((long)(await cmd.ExecuteScalarAsync(Ct))! > 0)
                hits.Add($"{table}.{column}");
        }
        return hits;
    }

    [Fact]
    public async Task Restriction_And_MarketingObjection_AreHonouredByNotifications_AndOnlyTheUserOrASuperAdminMayChangeThem()
    {
        var w = await World.CreateAsync(fx, Ct);
        var person = await PersonAsync(w);
        var notifications = fx.Get<INotificationService>();
        async Task<int> ReceivedAsync(NotificationType type)
        {
            await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
            await notifications.NotifyUsersAsync(db, [person.Actor.UserId!], w.OrganisationId, type, "notify.document_added", ["x", "y"], null, Ct);
            await db.SaveChangesAsync(Ct);
            return await db.Notifications.CountAsync(n => n.UserId == person.Actor.UserId && n.Type == type, Ct);
        }

        Assert.True((await Privacy.SetMarketingObjectionAsync(person.Actor, true, Ct)).Succeeded);
        Assert.Equal(0, await ReceivedAsync(NotificationType.Marketing));
        Assert.Equal(1, await ReceivedAsync(NotificationType.Community));

        Assert.Equal(Errors.Forbidden, (await Privacy.SetRestrictionAsync(w.Syndic, person.Actor.UserId!, true, Ct)).FirstError!.Code);
        Assert.True((await Privacy.SetRestrictionAsync(person.Actor, person.Actor.UserId!, true, Ct)).Succeeded);
        Assert.Equal(1, await ReceivedAsync(NotificationType.Community));          // no new one
        Assert.Equal(1, await ReceivedAsync(NotificationType.System));             // essential ones still arrive
        var status = (await Privacy.StatusAsync(person.Actor, Ct)).Value;
        Assert.Equal(fx.Clock.GetUtcNow(), status.RestrictedAt);

        var admin = await World.UserAsync(fx, $"root-{Guid.NewGuid():N}"[..20] + "@example.be", [], Ct) with { IsSuperAdmin = true };
        Assert.True((await Privacy.SetRestrictionAsync(admin, person.Actor.UserId!, false, Ct)).Succeeded);
        Assert.Equal(2, await ReceivedAsync(NotificationType.Community));
        Assert.Equal(1, await AuditCountAsync(person.Actor.UserId!, "gdpr.restricted"));
        Assert.Equal(1, await AuditCountAsync(person.Actor.UserId!, "gdpr.unrestricted"));
        Assert.Equal(1, await AuditCountAsync(person.Actor.UserId!, "gdpr.marketing_opted_out"));
    }

    [Fact]
    public async Task Consent_IsAskedUntilTheCurrentVersionsAreAccepted_WithTimeAndIp()
    {
        var w = await World.CreateAsync(fx, Ct);
        Assert.True(await Privacy.ConsentDueAsync(w.TenantA, Ct));

        Assert.True((await Privacy.AcceptLegalTextsAsync(w.TenantA, Ct)).Succeeded);
        Assert.True((await Privacy.AcceptLegalTextsAsync(w.TenantA, Ct)).Succeeded);     // idempotent

        Assert.False(await Privacy.ConsentDueAsync(w.TenantA, Ct));
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        var records = await db.ConsentRecords.Where(c => c.UserId == w.TenantA.UserId).ToListAsync(Ct);
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal("127.0.0.1", r.Ip));
        Assert.Contains(records, r => r.Document == LegalDocument.Terms && r.Version == LegalDocuments.TermsVersion);
        Assert.Equal(2, await AuditCountAsync(w.TenantA.UserId!, "gdpr.consent_given"));
    }

    [Fact]
    public async Task AuditLog_StaysAppendOnly_RedactionMayOnlyRewriteNamesAndDetails()
    {
        var w = await World.CreateAsync(fx, Ct);
        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        await conn.OpenAsync(Ct);
        async Task<string?> TryAsync(string sql)
        {
            await using var tx = await conn.BeginTransactionAsync(Ct);
            try
            {
                await using var cmd = new NpgsqlCommand(sql, conn, tx);
                cmd.Parameters.AddWithValue("org", w.OrganisationId);
                await cmd.ExecuteNonQueryAsync(Ct);
                await tx.RollbackAsync(Ct);
                return null;
            }
            catch (PostgresException e)
            {
                return e.SqlState;
            }
        }

        Assert.Equal("P0001", await TryAsync("UPDATE audit_entries SET details = 'x' WHERE organisation_id = @org"));
        Assert.Equal("P0001", await TryAsync("SET LOCAL koprogo.audit_redact = 'on'; UPDATE audit_entries SET action = 'x' WHERE organisation_id = @org"));
        Assert.Null(await TryAsync("SET LOCAL koprogo.audit_redact = 'on'; UPDATE audit_entries SET details = 'x', actor_name = 'y' WHERE organisation_id = @org"));
    }
}
