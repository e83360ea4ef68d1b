using System.Net;
using System.Security.Claims;
using KoproGo.Core.Common;
using KoproGo.Core.Features.UserAccounts;
using KoproGo.Web.Features.UserAccounts;
using KoproGo.Web.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using MudBlazor;
using NSubstitute;

namespace KoproGo.Web.Tests;

/// <summary>The web side of the security review (#11): fresh grants for commands, cookie, proxies, sign-in limiter.</summary>
public class SecurityTests : KoproTestContext
{
    [Fact]
    public void Command_AfterTheRoleWasRevokedElsewhere_RunsWithTheGrantsOfNow()
    {
        var invitations = Substitute.For<IInvitationService>();
        var offer = new MyRoleInvitation(Guid.NewGuid(), "Syndic Horta", null, Role.Accountant, null, "Sophie", DateTimeOffset.UtcNow.AddDays(3));
        invitations.MyInvitationsAsync(Arg.Any<Actor>(), Arg.Any<CancellationToken>()).Returns([offer]);
        invitations.DeclineRoleAsync(Arg.Any<Actor>(), offer.Id, Arg.Any<CancellationToken>()).Returns(Result.Ok());
        Services.AddSingleton(invitations);
        Render<MudSnackbarProvider>();
        var page = Render<MyInvitationsPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find($"#decline-{offer.Id}")));

        // the membership is revoked while the page is open: the next click carries the actor of now
        var revoked = Syndic with { Grants = [] };
        Services.GetRequiredService<IActorFactory>().ForUserAsync("u-syndic", Arg.Any<string?>(), Arg.Any<string?>(), Arg.Any<CancellationToken>()).Returns(revoked);
        page.Find($"#decline-{offer.Id}").Click();

        page.WaitForAssertion(() => invitations.Received(1).DeclineRoleAsync(Arg.Is<Actor>(a => a.Grants.Count == 0), offer.Id, Arg.Any<CancellationToken>()));
    }

    private static CookieAuthenticationOptions Cookie(string environment)
    {
        var env = Substitute.For<IWebHostEnvironment>();
        env.EnvironmentName.Returns(environment);
        var options = new CookieAuthenticationOptions();
        SessionCookie.Configure(options, env, new ConfigurationBuilder().Build());
        return options;
    }

    [Fact]
    public void SessionCookie_InProduction_IsHostPrefixedSecureHttpOnlyLax_WithAnIdleLimitUnderTheAbsoluteOne()
    {
        var o = Cookie("Production");
        Assert.Equal("__Host-koprogo.auth", o.Cookie.Name);
        Assert.Equal(CookieSecurePolicy.Always, o.Cookie.SecurePolicy);
        Assert.True(o.Cookie.HttpOnly);
        Assert.Equal(SameSiteMode.Lax, o.Cookie.SameSite);
        Assert.Equal("/", o.Cookie.Path);
        Assert.True(o.SlidingExpiration);
        Assert.Equal(TimeSpan.FromHours(8), o.ExpireTimeSpan);
        // over plain http on a developer's machine the prefix (which needs https) is left out
        Assert.Equal("koprogo.auth", Cookie("Development").Cookie.Name);
    }

    [Fact]
    public void MaxLifetime_CountsFromTheSignIn_NotFromTheLastRenewal()
    {
        static ClaimsPrincipal SignedIn(TimeSpan ago) => new(new ClaimsIdentity([new Claim(SessionCookie.SignedInAtClaim,
            DateTimeOffset.UtcNow.Subtract(ago).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture))], "test"));
        Assert.False(SessionCookie.IsPastMaxLifetime(SignedIn(TimeSpan.FromHours(11)), TimeSpan.FromHours(12)));
        Assert.True(SessionCookie.IsPastMaxLifetime(SignedIn(TimeSpan.FromHours(13)), TimeSpan.FromHours(12)));
    }

    [Theory]
    [InlineData("/Account/Login", true)]
    [InlineData("/Account/Login/", true)]
    [InlineData("/ACCOUNT/LOGIN", true)]
    [InlineData("/account//login", true)]
    [InlineData("/Account/LoginWith2fa/", true)]
    [InlineData("/Account/Logins", false)]
    [InlineData("/buildings", false)]
    public void SignInLimiter_SeesEverySpellingOfTheForms(string path, bool limited) => Assert.Equal(limited, Hardening.IsSignInPath(path));

    [Fact]
    public async Task ForwardedHeaders_FromAKnownProxy_GiveTheClientsAddress_FromAnyoneElse_AreIgnored()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddProxySupport(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Proxy:KnownProxies"] = "10.0.0.5" }).Build());
        var options = services.BuildServiceProvider().GetRequiredService<IOptions<ForwardedHeadersOptions>>();
        async Task<IPAddress?> ClientAsync(string proxy)
        {
            var http = new DefaultHttpContext();
            http.Connection.RemoteIpAddress = IPAddress.Parse(proxy);
            http.Request.Headers["X-Forwarded-For"] = "198.51.100.7";
            await new ForwardedHeadersMiddleware(_ => Task.CompletedTask, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, options).Invoke(http);
            return http.Connection.RemoteIpAddress;
        }
        Assert.Equal(IPAddress.Parse("198.51.100.7"), await ClientAsync("10.0.0.5"));
        Assert.Equal(IPAddress.Parse("10.0.0.9"), await ClientAsync("10.0.0.9"));
    }
}
