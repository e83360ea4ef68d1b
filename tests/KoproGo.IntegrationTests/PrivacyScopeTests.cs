using KoproGo.Core.Common;
using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Notices;
using KoproGo.Core.Features.Notifications;
using KoproGo.Core.Features.Owners;
using KoproGo.Core.Features.Privacy;
using KoproGo.Core.Features.UserAccounts;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KoproGo.IntegrationTests;

/// <summary>Security review #11: what a GDPR export shows and what an erasure may touch.</summary>
public partial class PrivacyTests
{
    [Fact]
    public async Task Erase_PhoneAndAddressSharedWithOthers_ChangesNoRowThatDoesNotPointToThePerson()
    {
        var w = await World.CreateAsync(fx, Ct);
        var neighbours = await World.CreateAsync(fx, Ct);
        var person = await PersonAsync(w);
        const string SharedAddress = "Rue Haute 1, 1000 Bruxelles";
        // the person's phone is "2026" and their address is also a neighbour's, in another organisation
        Assert.True((await Privacy.RectifyAsync(person.Actor, new RectificationInput { DisplayName = "Erika " + person.LastName, Email = person.Email, Phone = "2026", PostalAddress = SharedAddress }, Ct)).Succeeded);
        Assert.True((await Privacy.RectifyAsync(neighbours.OwnerActorA, new RectificationInput { DisplayName = "Voisin", Email = "voisin-" + Guid.NewGuid().ToString("N")[..6] + "@example.be", CurrentPassword = World.Password, PostalAddress = SharedAddress }, Ct)).Succeeded);
        // other organisations' rows that mention 2026: a fiscal year, an audit entry, a notification
        Assert.True((await fx.Get<IFiscalYearService>().OpenNextFiscalYearAsync(neighbours.Syndic, neighbours.BuildingA, Ct)).Succeeded);
        await using (var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct))
        {
            await fx.Get<INotificationService>().NotifyUsersAsync(db, [neighbours.Syndic.UserId!], neighbours.OrganisationId, NotificationType.System, "notify.document_added", ["budget 2026", SharedAddress], null, Ct);
            await db.SaveChangesAsync(Ct);
        }
        var buyer = (await fx.Get<IOwnerService>().CreateAsync(w.Syndic, w.OrganisationId, new OwnerInput { LastName = "Buyer" }, Ct)).Value;
        Assert.True((await fx.Get<IOwnerService>().TransferAsync(w.Syndic, person.UnitId, new ChangeOwnershipInput { EffectiveDate = new DateOnly(2025, 6, 30), Lines = [new() { OwnerId = buyer, IsPrimaryContact = true }] }, Ct)).Succeeded);
        var references = await ReferencesOfAsync(person.Actor.UserId!, person.OwnerId);

        var before = await RowsNotPointingToAsync(references);
        Assert.True((await Privacy.EraseAsync(person.Actor, Password, Ct)).Succeeded);
        var after = await RowsNotPointingToAsync(references);

        var changed = before.Except(after).ToList();
        Assert.True(changed.Count == 0, "rows that do not point to the person changed:" + Environment.NewLine + string.Join(Environment.NewLine, changed.Take(10)));
        // and the person is gone from their own rows
        Assert.Empty(await TextColumnsContainingAsync(person.LastName));
    }

    [Fact]
    public async Task Export_AnEntryAboutTheSubjectByTheSyndic_CarriesNeitherTheSyndicsIpNorBrowser()
    {
        var w = await World.CreateAsync(fx, Ct);
        var person = await PersonAsync(w);
        var syndic = w.Syndic with { Ip = "203.0.113.77", UserAgent = "SyndicBrowser/1.0" };
        Assert.True((await fx.Get<IOwnerService>().UpdateAsync(syndic, person.OwnerId, new OwnerInput { FirstName = "Erika", LastName = person.LastName, Email = person.Email, Phone = "+32 2 000 00 00" }, Ct)).Succeeded);
        var json = System.Text.Encoding.UTF8.GetString((await Privacy.ExportAsync(person.Actor, Ct)).Value.Json);
        Assert.Contains("owner.updated", json, StringComparison.Ordinal);
        Assert.DoesNotContain("203.0.113.77", json, StringComparison.Ordinal);
        Assert.DoesNotContain("SyndicBrowser", json, StringComparison.Ordinal);
        Assert.Contains("10.1.2.3", json, StringComparison.Ordinal);     // their own sign-ups and changes keep theirs
    }

    private async Task<HashSet<string>> ReferencesOfAsync(string userId, Guid ownerId)
    {
        await using var db = await fx.Get<IKoproGoDbFactory>().CreateAsync(Ct);
        var refs = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { userId, ownerId.ToString() };
        foreach (var i in await db.Invitations.Where(i => i.OwnerId == ownerId).Select(i => i.Id).ToListAsync(Ct))
            refs.Add(i.ToString());
        foreach (var n in await db.Notices.Where(n => n.AuthorUserId == userId).Select(n => n.Id).ToListAsync(Ct))
            refs.Add(n.ToString());
        return refs;
    }

    /// <summary>A fingerprint of every row of every table whose text names none of the references (the person's ids).</summary>
    private async Task<List<string>> RowsNotPointingToAsync(IReadOnlySet<string> references)
    {
        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        await conn.OpenAsync(Ct);
        var tables = new List<string>();
        await using (var cmd = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", conn))
        await using (var reader = await cmd.ExecuteReaderAsync(Ct))
            while (await reader.ReadAsync(Ct))
                tables.Add(reader.GetString(0));
        var rows = new List<string>();
        var pattern = string.Join('|', references);
        foreach (var table in tables)
        {
            await using var cmd = new NpgsqlCommand($"SELECT md5(t::text) FROM \"{table}\" t WHERE NOT (t::text ~* @pattern)", conn);
            cmd.Parameters.AddWithValue("pattern", pattern);
            await using var reader = await cmd.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
                rows.Add($"{table}:{reader.GetString(0)}");
        }
        return rows;
    }
}
