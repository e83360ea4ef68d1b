using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Accounts;
using KoproGo.Core.Features.Audit;
using KoproGo.Core.Features.Bookings;
using KoproGo.Core.Features.Budgets;
using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Calls;
using KoproGo.Core.Features.Documents;
using KoproGo.Core.Features.Files;
using KoproGo.Core.Features.Library;
using KoproGo.Core.Features.Notices;
using KoproGo.Core.Features.Notifications;
using KoproGo.Core.Features.Organisations;
using KoproGo.Core.Features.Owners;
using KoproGo.Core.Features.Polls;
using KoproGo.Core.Features.Privacy;
using KoproGo.Core.Features.Security;
using KoproGo.Core.Features.Skills;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KoproGo.Core;

public static class CoreServices
{
    /// <summary>
    /// The use cases and jobs, registered once for the web app, the tests and the benchmarks. The host adds the
    /// database factory, Identity, TimeProvider and the options (AppOptions, SmtpOptions, FileStoreOptions).
    /// </summary>
    public static IServiceCollection AddKoproGoCore(this IServiceCollection services)
    {
        services.AddSingleton<IFileStore>(sp => sp.GetRequiredService<FileStoreOptions>() is var files && files.Kind == FileStoreKind.S3
            ? new S3FileStore(files)
            : new LocalFileStore(files));
        services.AddSingleton<IEmailTransport, SmtpEmailTransport>();
        services.AddScoped<IActorFactory, ActorFactory>();
        services.AddScoped<INotificationService, NotificationService>();
        services.AddScoped<IOrganisationService, OrganisationService>();
        services.AddScoped<IBuildingService, BuildingService>();
        services.AddScoped<IOwnerService, OwnerService>();
        services.AddScoped<IInvitationService, InvitationService>();
        services.AddScoped<IEmailChangeService, EmailChangeService>();
        services.AddScoped<IPasswordService, PasswordService>();
        services.AddScoped<IUserAdminService, UserAdminService>();
        services.AddScoped<IPasswordResetMailer, PasswordResetMailer>();
        services.AddScoped<IAuditService, AuditService>();
        services.AddScoped<IFileService, FileService>();
        services.AddScoped<IDocumentService, DocumentService>();
        services.AddScoped<ITwoFactorService, TwoFactorService>();
        services.AddScoped<JournalPoster>();
        services.AddScoped<IAccountingService, AccountingService>();
        services.AddScoped<IAccountingReports, AccountingReports>();
        services.AddScoped<IAccountingExports, AccountingExports>();
        services.AddScoped<ISupplierService, SupplierService>();
        services.AddScoped<IInvoiceService, InvoiceService>();
        services.AddScoped<IYearSettlementService, YearSettlementService>();
        services.AddScoped<PaymentPosting>();
        services.TryAddSingleton(new CallOptions());
        services.AddScoped<ICallService, CallService>();
        services.AddTransient<SendCallJob>();
        services.AddScoped<IBankImportService, BankImportService>();
        services.AddScoped<IArrearsService, ArrearsService>();
        services.AddTransient<ArrearsReminderJob>();
        services.AddScoped<IBudgetService, BudgetService>();
        services.AddTransient<BudgetJob>();
        services.AddScoped<PollService>();
        services.AddScoped<IPollService>(sp => sp.GetRequiredService<PollService>());
        services.AddTransient<PollCloseJob>();
        services.AddScoped<IBookingService, BookingService>();
        services.AddTransient<BookingJob>();
        services.AddScoped<ILibraryService, LibraryService>();
        services.AddTransient<OverdueLoanReminderJob>();
        services.AddScoped<INoticeService, NoticeService>();
        services.AddTransient<NoticeExpiryJob>();
        services.AddScoped<ISkillService, SkillService>();
        services.AddScoped<IPrivacyService, PrivacyService>();
        // the GDPR rights cover every feature that registers its personal data here
        services.AddScoped<IPersonalDataContributor, AccountPersonalData>();
        services.AddScoped<IPersonalDataContributor, OwnerPersonalData>();
        services.AddScoped<IPersonalDataContributor, NotificationPersonalData>();
        services.AddScoped<IPersonalDataContributor, FilePersonalData>();
        services.AddScoped<IPersonalDataContributor, AccountingPersonalData>();
        services.AddScoped<IPersonalDataContributor, AuditPersonalData>();
        services.AddScoped<IPersonalDataContributor, CommunityPersonalData>();
        services.AddTransient<SendOutboxEmailsJob>();
        services.AddTransient<PurgeDeliveredMailsJob>();
        services.AddTransient<RemoveUnusedPhotosJob>();
        services.AddTransient<PurgeExpiredAuditEntriesJob>();
        return services;
    }
}
