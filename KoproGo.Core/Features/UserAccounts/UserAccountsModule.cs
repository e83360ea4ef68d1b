using KoproGo.Core.Features.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace KoproGo.Core.Features.UserAccounts;

/// <summary>The Accounts feature's services (see <see cref="IFeatureModule"/>).</summary>
public sealed class UserAccountsModule : IFeatureModule
{
    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<IActorFactory, ActorFactory>();
        services.AddScoped<IInvitationService, InvitationService>();
        services.AddScoped<IEmailChangeService, EmailChangeService>();
        services.AddScoped<IPasswordService, PasswordService>();
        services.AddScoped<IUserAdminService, UserAdminService>();
        services.AddScoped<IPasswordResetMailer, PasswordResetMailer>();
        services.AddScoped<IPersonalDataContributor, AccountPersonalData>();
    }
}
