using System.Globalization;
using System.Security.Claims;
using KoproGo.Core.Common;
using KoproGo.Core.Features.UserAccounts;
using KoproGo.Web.Localization;
using KoproGo.Web.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using NSubstitute;

namespace KoproGo.Web.Tests;

/// <summary>
/// bUnit with MudBlazor, the real French resources, and a signed-in syndic of <see cref="OrganisationId"/>;
/// Core services are substituted per test.
/// </summary>
public abstract class KoproTestContext : BunitContext
{
    protected static readonly Guid OrganisationId = Guid.NewGuid();
    protected static readonly Actor Syndic = new("u-syndic", "Sophie", false, [new Grant(Role.Syndic, OrganisationId)]);

    protected KoproTestContext()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-BE");
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddKoproGoTexts();
        Services.AddSingleton(TimeProvider.System);
        var actors = Substitute.For<IActorFactory>();
        actors.ForUserAsync("u-syndic", Arg.Any<string?>(), Arg.Any<string?>(), Arg.Any<CancellationToken>()).Returns(Syndic);
        Services.AddSingleton(actors);
        Services.AddSingleton(Substitute.For<IHttpContextAccessor>());
        var auth = Substitute.For<AuthenticationStateProvider>();
        auth.GetAuthenticationStateAsync().Returns(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "u-syndic")], "test"))));
        Services.AddSingleton(auth);
        Services.AddScoped<CurrentActor>();
        Services.AddScoped<KoproGo.Web.Components.Shared.BuildingChoice>();
        Services.AddScoped<KoproGo.Web.Components.Shared.InputGuard>();
    }
}
