using KoproGo.Core.Common;
using KoproGo.Core.Features.Organisations;
using KoproGo.Core.Features.UserAccounts;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace KoproGo.E2E;

/// <summary>
/// Every HTTP endpoint of the app (pages and downloads, read from the app's endpoint data source, so a new one is
/// covered by default) asked by a syndic of another organisation and by the demo organisation's contractor, with the
/// ids of Résidence Horta's data: refused or empty, never a byte of Horta's data. A route parameter the test cannot
/// fill fails it.
/// </summary>
[Collection(AppCollection.Name)]
public class EndpointIsolationTests(AppFixture app, ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Public by design, with the reason.</summary>
    private static readonly Dictionary<string, string> Public = new()
    {
        ["/b/{Slug}"] = "the building's public page: the syndic's identity must be displayed (Civil Code Art. 3.89)",
        ["/report"] = "a work-report link's page, for a contractor without an account: the single-use token is the authority",
    };

    [Fact]
    public async Task EveryEndpoint_AskedByAnotherOrganisationOrTheContractor_ShowsNothingOfTheBuilding()
    {
        var horta = await app.BuildingIdAsync("residence-horta");
        var ids = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase)
        {
            ["buildingId"] = horta,
            ["fileId"] = await app.ScalarAsync<Guid>("SELECT id FROM files WHERE building_id = @p0 ORDER BY uploaded_at LIMIT 1", horta),
            ["bookingId"] = await app.ScalarAsync<Guid>("SELECT id FROM bookings WHERE building_id = @p0 LIMIT 1", horta),
            ["noticeId"] = await app.ScalarAsync<Guid>("SELECT id FROM notices WHERE building_id = @p0 LIMIT 1", horta),
            ["pollId"] = await app.ScalarAsync<Guid>("SELECT id FROM polls WHERE building_id = @p0 LIMIT 1", horta),
            ["meetingId"] = await app.ScalarAsync<Guid>("SELECT id FROM meetings WHERE building_id = @p0 LIMIT 1", horta),
            ["procedureId"] = await app.ScalarAsync<Guid>("SELECT id FROM written_procedures WHERE building_id = @p0 ORDER BY opened_at LIMIT 1", horta),
            ["TicketId"] = await app.ScalarAsync<Guid>("SELECT id FROM tickets WHERE building_id = @p0 ORDER BY created_at LIMIT 1", horta),
            ["unitId"] = await app.ScalarAsync<Guid>("SELECT id FROM units WHERE building_id = @p0 LIMIT 1", horta),
            ["RequestId"] = await app.ScalarAsync<Guid>("SELECT id FROM notary_requests WHERE building_id = @p0 LIMIT 1", horta),
            ["year"] = await app.ScalarAsync<Guid>("SELECT id FROM fiscal_years WHERE building_id = @p0 LIMIT 1", horta),
        };
        var iban = await app.ScalarAsync<string>("SELECT working_fund_iban FROM buildings WHERE id = @p0", horta);
        string[] markers = ["Résidence Horta", "Dubois", "marie.dubois@example.be", iban, horta.ToString()];
        // what each route also needs in its query string to reach the data it serves
        var queries = new Dictionary<string, string>
        {
            ["/buildings/{buildingId:guid}/report"] = $"?year={ids["year"]}&kind=TrialBalance&format=Csv",
            ["/buildings/{buildingId:guid}/fec.txt"] = $"?year={ids["year"]}",
            ["/bookings"] = $"?building={horta}",
            ["/polls"] = $"?building={horta}",
            ["/assemblies"] = $"?building={horta}",
            ["/assemblies/decisions"] = $"?building={horta}",
            ["/assemblies/requests"] = $"?building={horta}",
            ["/assemblies/written"] = $"?building={horta}",
            ["/inspections"] = $"?building={horta}",
            ["/tickets"] = $"?building={horta}",
            ["/logbook"] = $"?building={horta}",
            ["/notary"] = $"?building={horta}",
            ["/notices"] = $"?building={horta}",
            ["/library"] = $"?building={horta}",
            ["/skills"] = $"?building={horta}",
            ["/buildings/{BuildingId:guid}/accounting"] = "?tab=journal",
        };

        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null || e.Metadata.GetMetadata<System.Reflection.MethodInfo>() is not null)
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is not { } m || m.HttpMethods.Contains("GET"))
            .Select(e => e.RoutePattern.RawText!).Where(p => !p.StartsWith("/_", StringComparison.Ordinal)).Distinct().Order().ToList();

        var intruder = await IntruderAsync();
        var leaks = new List<string>();
        var requests = 0;
        foreach (var (who, email) in new[] { ("syndic of another organisation", intruder), ("contractor of the organisation", "chauffagiste@example.be") })
        {
            await using var s = await app.NewSessionAsync();
            await s.SignInAsync(email, email == intruder ? IntruderPassword : "Demo-KoproGo-2026");
            foreach (var pattern in endpoints.Where(p => !Public.ContainsKey(p)))
            {
                var path = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\w+)(:[^}]*)?\}", m =>
                    ids.TryGetValue(m.Groups[1].Value, out var id) ? id.ToString() : throw new InvalidOperationException($"no id for route parameter {m.Value} of {pattern}"));
                var url = app.BaseUrl + path + queries.GetValueOrDefault(pattern, "");
                var response = await s.Page.APIRequest.GetAsync(url, new() { MaxRedirects = 0 });
                requests++;
                // pages encode "é" as &#xE9;: compare with the text a reader would see
                var body = response.Status is >= 200 and < 300 ? System.Net.WebUtility.HtmlDecode(await response.TextAsync()) : "";
                var marker = markers.FirstOrDefault(m => body.Contains(m, StringComparison.OrdinalIgnoreCase));
                if (marker is not null)
                    leaks.Add($"{pattern} as {who}: {response.Status} with \"{marker}\"");
                if (response.Status >= 500)
                    leaks.Add($"{pattern} as {who}: {response.Status}");
            }
        }
        // the detector works: Horta's own syndic does see Horta on the same requests
        await using (var syndic = await app.NewSessionAsync())
        {
            await syndic.SignInAsync("syndic@horta.be");
            var own = await syndic.Page.APIRequest.GetAsync($"{app.BaseUrl}/buildings/{horta}/report{queries["/buildings/{buildingId:guid}/report"]}");
            Assert.Equal(200, own.Status);
            var page = System.Net.WebUtility.HtmlDecode(await (await syndic.Page.APIRequest.GetAsync($"{app.BaseUrl}/buildings/{horta}")).TextAsync());
            Assert.Contains("Résidence Horta", page, StringComparison.Ordinal);
        }
        output.WriteLine($"{endpoints.Count} endpoints ({Public.Count} public by design), {requests} requests, {leaks.Count} leaks");
        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks));
        Assert.True(endpoints.Count > 40, "the endpoint data source should list every page and download");
    }

    private const string IntruderPassword = "Lantern-Orbit-77";

    /// <summary>A syndic of an organisation of their own, signed up behind the app's back.</summary>
    private async Task<string> IntruderAsync()
    {
        var email = $"intrus-{Guid.NewGuid():N}"[..20] + "@example.be";
        using var scope = app.Services.CreateScope();
        var organisation = (await scope.ServiceProvider.GetRequiredService<IOrganisationService>()
            .CreateAsync(Actor.System, new OrganisationInput { Name = "Intrus " + email[7..13], ContactEmail = email }, Ct)).Value;
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        await using var db = await scope.ServiceProvider.GetRequiredService<IKoproGoDbFactory>().CreateAsync(Ct);
        var user = users.NewUser(email, "Intrus", "fr-BE", DateTimeOffset.UtcNow, emailConfirmed: true);
        user.PasswordHash = users.PasswordHasher.HashPassword(user, IntruderPassword);
        db.Users.Add(user);
        db.Memberships.Add(Membership.Create(user.Id, organisation, Role.Syndic, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync(Ct);
        return email;
    }
}
