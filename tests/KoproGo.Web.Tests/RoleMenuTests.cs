using KoproGo.Core.Common;
using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Notifications;
using KoproGo.Core.Features.UserAccounts;
using KoproGo.Web.Components.Layout;
using KoproGo.Web.Features.Dashboard;
using KoproGo.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace KoproGo.Web.Tests;

/// <summary>Each role's menu lists what it can use, and a home without a building says what to do next.</summary>
public class RoleMenuTests : KoproTestContext
{
    private static readonly string[] Community = ["/notices", "/polls", "/bookings", "/library", "/skills"];

    public RoleMenuTests()
    {
        Services.AddSingleton(Substitute.For<INotificationService>());
        Services.AddSingleton(Substitute.For<IBuildingService>());
        Services.AddSingleton(Substitute.For<KoproGo.Core.Features.Dashboard.IDashboardService>());
        // the owner's summary on the home page
        Services.AddSingleton(Substitute.For<KoproGo.Core.Features.Calls.IMyAccountService>());
        Services.AddSingleton(Substitute.For<KoproGo.Core.Features.Assemblies.IAssemblyService>());
        Services.AddSingleton(Substitute.For<KoproGo.Core.Features.Tickets.ITicketService>());
        Services.AddSingleton(Substitute.For<KoproGo.Core.Features.Bookings.IBookingService>());
    }

    [Theory]
    [InlineData("Syndic", new[] { "/buildings", "/owners", "/staff", "/accounting/chart", "/audit", "/inspections", "/tickets" }, true)]
    [InlineData("Accountant", new[] { "/buildings", "/owners", "/accounting/chart" }, true)]
    [InlineData("BoardMember", new[] { "/buildings", "/owners", "/inspections", "/tickets" }, true)]
    [InlineData("Owner", new[] { "/my-units", "/my-account", "/tickets" }, true)]
    [InlineData("Tenant", new[] { "/my-units", "/tickets" }, true)]
    [InlineData("Contractor", new[] { "/tickets" }, false)]
    [InlineData(null, new string[0], false)]
    public void Menu_ListsThePagesOfTheRole(string? role, string[] own, bool community)
    {
        var menu = Render<NavMenu>(p => p.Add(c => c.Actor, Syndic).Add(c => c.ActiveRole, role));
        var links = menu.FindAll("a").Select(a => new Uri(new Uri("http://x"), a.GetAttribute("href")).AbsolutePath).ToHashSet();
        Assert.Subset(links, own.Concat(["/", "/notifications", "/account/privacy"]).ToHashSet());
        Assert.Equal(community, Community.All(links.Contains));
        Assert.Equal(community, Community.Any(links.Contains));
        if (role is not "Syndic")
            Assert.DoesNotContain("/audit", links);
        if (role is "Owner" or "Tenant" or "Contractor" or null)
            Assert.DoesNotContain("/buildings", links);
    }

    [Theory]
    [InlineData("none", "Votre compte n'est encore lié à aucune copropriété.", "/account/invitations")]
    [InlineData("Contractor", "Vous êtes inscrit comme entrepreneur.", "/tickets")]
    [InlineData("Syndic", "Votre organisation ne gère encore aucun immeuble.", "/buildings")]
    [InlineData("Owner", "Aucun immeuble ne vous est ouvert pour l'instant", null)]
    public void Home_WithoutBuilding_SaysWhatToDoNext(string role, string text, string? link)
    {
        var grants = role == "none" ? [] : new[] { new Grant(Enum.Parse<Role>(role), OrganisationId, OwnerId: role == "Owner" ? Guid.NewGuid() : null) };
        var actor = Syndic with { Grants = grants };
        var actors = Substitute.For<IActorFactory>();
        actors.ForUserAsync("u-syndic", Arg.Any<string?>(), Arg.Any<string?>(), Arg.Any<CancellationToken>()).Returns(actor);
        Services.AddSingleton(actors);
        Services.GetRequiredService<IBuildingService>().ListAsync(actor, Arg.Any<CancellationToken>()).Returns(Array.Empty<BuildingSummary>());
        var home = Render<Home>();
        home.WaitForAssertion(() => Assert.Contains(text, home.Find("#no-buildings").TextContent, StringComparison.Ordinal));
        if (link is not null)
            Assert.Equal(link, home.Find("#no-buildings a").GetAttribute("href"));
        else
            Assert.Empty(home.FindAll("#no-buildings a"));
    }
}
