using System.Net;

namespace KoproGo.E2E;

[Collection(AppCollection.Name)]
public class HardeningTests(AppFixture app)
{
    [Fact]
    public async Task SignInPosts_OverThePerIpLimit_Get429WithRetryAfter()
    {
        var ct = TestContext.Current.CancellationToken;
        // a second instance of the app on the same database, with a limit of 3 sign-in posts a minute
        await using var factory = new KoproGoAppFactory(app.ConnectionString, Path.Combine(Path.GetTempPath(), "koprogo-rl-" + Guid.NewGuid().ToString("N")), signInPerMinute: 3, hangfire: false);
        using var client = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "x@example.be" }), ct);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                Assert.Equal("60", response.Headers.GetValues("Retry-After").Single());
        }
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(3));
        Assert.All(statuses.Skip(3), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        // the same form spelt differently is the same bucket: routing answers all of these like /Account/Login
        foreach (var variant in new[] { "/Account/Login/", "/ACCOUNT/LOGIN", "/account//login" })
        {
            using var response = await client.PostAsync(variant, new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "x@example.be" }), ct);
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        }
        // pages are not limited
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login", ct)).StatusCode);
    }

    [Fact]
    public async Task StaticForms_NulInAField_OrAVeryLongLink_ShowTheFormWithItsMessage()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };
        var form = await client.GetStringAsync("/Account/Login", ct);
        string Hidden(string name) => System.Text.RegularExpressions.Regex.Match(form, $"name=\"{name}\" value=\"([^\"]*)\"").Groups[1].Value;
        // a NUL typed into the address (and the password): the antiforgery check used to answer a bare English 400
        using var posted = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = System.Net.WebUtility.HtmlDecode(Hidden("__RequestVerificationToken")),
            ["_handler"] = Hidden("_handler"),
            ["Input.Email"] = "nobody\0@example.be",
            ["Input.Password"] = "wrong\0password",
        }), ct);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("id=\"login-error\"", await posted.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        // a reset link with a 10,000-character code reaches the page (Kestrel answered a blank 414 past 8 KB)
        using var reset = await client.GetAsync("/Account/ResetPassword?email=a%40example.be&code=" + new string('a', 10_000), ct);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
    }
}
