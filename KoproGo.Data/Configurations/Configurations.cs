using KoproGo.Core.Features.Accounting;
using KoproGo.Core.Features.Accounts;
using KoproGo.Core.Features.Audit;
using KoproGo.Core.Features.Bookings;
using KoproGo.Core.Features.Budgets;
using KoproGo.Core.Features.Buildings;
using KoproGo.Core.Features.Calls;
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
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KoproGo.Data.Configurations;

// One configuration per entity; lengths come from the entities' constants. Rules that must hold under
// concurrency (unique numbers, Σ shares) are also in the database: indexes here, triggers in the migrations.

public sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(x => x.DisplayName).HasMaxLength(AppUser.DisplayNameMax);
        b.Property(x => x.PreferredLanguage).HasMaxLength(10);
        b.Property(x => x.TotpSecret).HasMaxLength(200);
        b.Property(x => x.TotpPendingSecret).HasMaxLength(200);
        b.Property(x => x.PostalAddress).HasMaxLength(AppUser.PostalAddressMax);
    }
}

public sealed class ConsentRecordConfiguration : IEntityTypeConfiguration<ConsentRecord>
{
    public void Configure(EntityTypeBuilder<ConsentRecord> b)
    {
        b.ToTable("consent_records");
        b.Property(x => x.Version).HasMaxLength(ConsentRecord.VersionMax);
        b.Property(x => x.Ip).HasMaxLength(ConsentRecord.IpMax);
        b.HasIndex(x => new { x.UserId, x.Document, x.Version });
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class BackupCodeConfiguration : IEntityTypeConfiguration<BackupCode>
{
    public void Configure(EntityTypeBuilder<BackupCode> b)
    {
        b.ToTable("backup_codes");
        b.Property(x => x.Hash).HasMaxLength(120);
        b.HasIndex(x => x.UserId);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class TwoFactorFailureConfiguration : IEntityTypeConfiguration<TwoFactorFailure>
{
    public void Configure(EntityTypeBuilder<TwoFactorFailure> b)
    {
        b.ToTable("two_factor_failures");
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.HasIndex(x => new { x.UserId, x.At });
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.ToTable("organisations");
        b.Property(x => x.Name).HasMaxLength(Organisation.NameMax);
        b.Property(x => x.EnterpriseNumber).HasMaxLength(12);
        b.Property(x => x.ContactEmail).HasMaxLength(254);
        b.Property(x => x.Phone).HasMaxLength(40);
        b.Property(x => x.EmergencyPhone).HasMaxLength(40);
        b.Property(x => x.ApprovalNumber).HasMaxLength(40);
        b.Property(x => x.Address).HasMaxLength(Organisation.ContactMax);
        b.Property(x => x.OfficeHours).HasMaxLength(Organisation.OfficeHoursMax);
    }
}

public sealed class BuildingConfiguration : IEntityTypeConfiguration<Building>
{
    public void Configure(EntityTypeBuilder<Building> b)
    {
        b.ToTable("buildings", t => t.HasCheckConstraint("ck_buildings_total_shares", "total_shares > 0"));
        b.Property(x => x.Name).HasMaxLength(Building.NameMax);
        b.Property(x => x.Street).HasMaxLength(Building.StreetMax);
        b.Property(x => x.PostalCode).HasMaxLength(4);
        b.Property(x => x.City).HasMaxLength(Building.CityMax);
        b.Property(x => x.EnterpriseNumber).HasMaxLength(12);
        b.Property(x => x.WorkingFundIban).HasMaxLength(34);
        b.Property(x => x.ReserveFundIban).HasMaxLength(34);
        b.Property(x => x.Slug).HasMaxLength(Building.SlugMax);
        b.Property(x => x.Language).HasMaxLength(10);
        b.Property(x => x.Version).IsRowVersion();   // PostgreSQL xmin
        b.Property(x => x.WorkingFundHolder).HasMaxLength(Building.HolderMax);
        b.Property(x => x.ReserveFundHolder).HasMaxLength(Building.HolderMax);
        b.Property(x => x.InterestClause).HasMaxLength(Building.ClauseMax);
        b.HasIndex(x => x.Slug).IsUnique();
        b.HasIndex(x => x.OrganisationId);
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> b)
    {
        b.ToTable("units", t => t.HasCheckConstraint("ck_units_shares", "shares > 0"));
        b.Property(x => x.Number).HasMaxLength(Unit.NumberMax).UseCollation(Collations.Natural);
        b.Property(x => x.Area).HasPrecision(9, 2);
        b.HasIndex(x => new { x.BuildingId, x.Number }).IsUnique();
        b.HasOne<Building>().WithMany().HasForeignKey(x => x.BuildingId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class OwnerConfiguration : IEntityTypeConfiguration<Owner>
{
    public void Configure(EntityTypeBuilder<Owner> b)
    {
        b.ToTable("owners");
        b.Property(x => x.FirstName).HasMaxLength(Owner.NameMax);
        b.Property(x => x.LastName).HasMaxLength(Owner.NameMax);
        b.Property(x => x.CompanyName).HasMaxLength(Owner.CompanyMax);
        b.Property(x => x.EnterpriseNumber).HasMaxLength(12);
        b.Property(x => x.Email).HasMaxLength(254);
        b.Property(x => x.Phone).HasMaxLength(Owner.PhoneMax);
        b.Property(x => x.PostalAddress).HasMaxLength(Owner.AddressMax);
        b.Property(x => x.PreferredLanguage).HasMaxLength(10);
        b.Ignore(x => x.DisplayName);
        b.HasIndex(x => x.OrganisationId);
        b.HasIndex(x => x.UserId).IsUnique().HasFilter("user_id IS NOT NULL");
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class OwnershipConfiguration : IEntityTypeConfiguration<Ownership>
{
    public void Configure(EntityTypeBuilder<Ownership> b)
    {
        b.ToTable("ownerships", t =>
        {
            t.HasCheckConstraint("ck_ownerships_percentage", "percentage > 0 AND percentage <= 100");
            t.HasCheckConstraint("ck_ownerships_dates", "end_date IS NULL OR end_date > start_date");
        });
        b.Property(x => x.Percentage).HasPrecision(7, 4);
        b.HasIndex(x => new { x.UnitId, x.EndDate });
        b.HasIndex(x => x.OwnerId);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Owner>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> b)
    {
        b.ToTable("memberships");
        b.HasIndex(x => new { x.UserId, x.OrganisationId, x.Role, x.BuildingId }).IsUnique().AreNullsDistinct(false);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Building>().WithMany().HasForeignKey(x => x.BuildingId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Owner>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> b)
    {
        b.ToTable("invitations");
        b.Property(x => x.Email).HasMaxLength(254);
        b.Property(x => x.TokenHash).HasMaxLength(64);
        b.Property(x => x.InvitedByUserId).HasMaxLength(64);
        b.HasIndex(x => x.TokenHash).IsUnique();
        // only the latest link of an owner works: a second open one is refused by the database, also under a race
        b.HasIndex(x => x.OwnerId).IsUnique().HasFilter("accepted_at IS NULL AND revoked_at IS NULL");
        b.HasOne<Owner>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_entries");
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.Property(x => x.ActorName).HasMaxLength(AppUser.DisplayNameMax);
        b.Property(x => x.Action).HasMaxLength(AuditEntry.ActionMax);
        b.Property(x => x.EntityType).HasMaxLength(AuditEntry.EntityTypeMax);
        b.Property(x => x.EntityId).HasMaxLength(64);
        b.Property(x => x.Details).HasMaxLength(AuditEntry.DetailsMax);
        b.Property(x => x.Ip).HasMaxLength(64);
        b.Property(x => x.UserAgent).HasMaxLength(300);
        b.HasIndex(x => new { x.OrganisationId, x.Id });
        b.HasIndex(x => x.At);
    }
}

public sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("notifications");
        b.Property(x => x.TextKey).HasMaxLength(100);
        b.Property(x => x.TextArgs).HasMaxLength(2000);
        b.Property(x => x.Link).HasMaxLength(300);
        b.Property(x => x.AboutUserId).HasMaxLength(64);
        b.Ignore(x => x.Args);
        b.HasIndex(x => new { x.UserId, x.CreatedAt });
        b.HasIndex(x => x.AboutUserId).HasFilter("about_user_id IS NOT NULL");
        b.HasIndex(x => x.AboutOwnerId).HasFilter("about_owner_id IS NOT NULL");
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> b)
    {
        b.ToTable("notification_preferences");
        b.HasKey(x => new { x.UserId, x.Type });
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class OutboxEmailConfiguration : IEntityTypeConfiguration<OutboxEmail>
{
    public void Configure(EntityTypeBuilder<OutboxEmail> b)
    {
        b.ToTable("outbox_emails");
        b.Property(x => x.ToAddress).HasMaxLength(254);
        b.Property(x => x.ToName).HasMaxLength(200);
        b.Property(x => x.Subject).HasMaxLength(300);
        b.Property(x => x.LastError).HasMaxLength(1000);
        b.Property(x => x.RecipientUserId).HasMaxLength(64);
        b.Property(x => x.AboutUserId).HasMaxLength(64);
        b.Ignore(x => x.ShownBody);
        b.HasIndex(x => x.NextAttemptAt).HasFilter("sent_at IS NULL");
        b.HasIndex(x => x.SentAt).HasFilter("sent_at IS NOT NULL");
        b.HasIndex(x => x.RecipientUserId).HasFilter("recipient_user_id IS NOT NULL");
        b.HasIndex(x => x.RecipientOwnerId).HasFilter("recipient_owner_id IS NOT NULL");
    }
}

public sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> b)
    {
        b.ToTable("files");
        b.Property(x => x.FileName).HasMaxLength(StoredFile.FileNameMax);
        b.Property(x => x.ContentType).HasMaxLength(100);
        b.Property(x => x.StorageKey).HasMaxLength(64);
        b.HasIndex(x => x.BuildingId);
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> b)
    {
        b.ToTable("accounts");
        b.Property(x => x.Code).HasMaxLength(Account.CodeMax);
        b.Property(x => x.Label).HasMaxLength(Account.LabelMax);
        b.Ignore(x => x.Class);
        b.HasIndex(x => new { x.OrganisationId, x.Code }).IsUnique();
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class FiscalYearConfiguration : IEntityTypeConfiguration<FiscalYear>
{
    public void Configure(EntityTypeBuilder<FiscalYear> b)
    {
        b.ToTable("fiscal_years");
        b.Ignore(x => x.Label);
        b.Ignore(x => x.IsClosed);
        b.HasIndex(x => new { x.BuildingId, x.StartDate }).IsUnique();
        b.HasOne<Building>().WithMany().HasForeignKey(x => x.BuildingId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class JournalEntryConfiguration : IEntityTypeConfiguration<JournalEntry>
{
    public void Configure(EntityTypeBuilder<JournalEntry> b)
    {
        b.ToTable("journal_entries");
        b.Property(x => x.Reference).HasMaxLength(30);
        b.Property(x => x.Description).HasMaxLength(JournalEntry.DescriptionMax);
        b.Property(x => x.DocumentRef).HasMaxLength(JournalEntry.DocumentRefMax);
        // the gapless numbering, also as a constraint: one number per year and journal (0 = numbered at COMMIT, see
        // DatabaseRules.EntryNumbering)
        b.HasIndex(x => new { x.FiscalYearId, x.Journal, x.Number }).IsUnique().HasFilter("number > 0");
        b.HasIndex(x => new { x.BuildingId, x.Date });
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<FiscalYear>().WithMany().HasForeignKey(x => x.FiscalYearId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Building>().WithMany().HasForeignKey(x => x.BuildingId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<JournalEntry>().WithMany().HasForeignKey(x => x.ReversalOfId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<JournalEntry>().WithMany().HasForeignKey(x => x.ReversedById).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class JournalLineConfiguration : IEntityTypeConfiguration<JournalLine>
{
    public void Configure(EntityTypeBuilder<JournalLine> b)
    {
        b.ToTable("journal_lines", t => t.HasCheckConstraint("ck_journal_lines_one_side",
            "(debit > 0 AND credit = 0) OR (credit > 0 AND debit = 0)"));
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.Property(x => x.Label).HasMaxLength(JournalLine.LabelMax);
        b.HasIndex(x => x.EntryId);
        b.HasIndex(x => x.AccountId);
        b.HasIndex(x => x.OwnerId);
        b.HasIndex(x => new { x.FiscalYearId, x.AccountId, x.Date }).IncludeProperties(x => new { x.Debit, x.Credit });
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Owner>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Supplier>().WithMany().HasForeignKey(x => x.SupplierId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class JournalCounterConfiguration : IEntityTypeConfiguration<JournalCounter>
{
    public void Configure(EntityTypeBuilder<JournalCounter> b)
    {
        b.ToTable("journal_counters");
        b.HasKey(x => new { x.FiscalYearId, x.Journal });
        b.HasOne<FiscalYear>().WithMany().HasForeignKey(x => x.FiscalYearId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class SupplierConfiguration : IEntityTypeConfiguration<Supplier>
{
    public void Configure(EntityTypeBuilder<Supplier> b)
    {
        b.ToTable("suppliers");
        b.Property(x => x.Name).HasMaxLength(Supplier.NameMax);
        b.Property(x => x.EnterpriseNumber).HasMaxLength(12);
        b.Property(x => x.Iban).HasMaxLength(34);
        b.Property(x => x.Email).HasMaxLength(Supplier.EmailMax);
        b.HasIndex(x => new { x.OrganisationId, x.Name });
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class DistributionKeyConfiguration : IEntityTypeConfiguration<DistributionKey>
{
    public void Configure(EntityTypeBuilder<DistributionKey> b)
    {
        b.ToTable("distribution_keys");
        b.Property(x => x.Name).HasMaxLength(DistributionKey.NameMax);
        b.HasIndex(x => x.BuildingId);
        b.HasMany(x => x.Units).WithOne().HasForeignKey(x => x.KeyId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Building>().WithMany().HasForeignKey(x => x.BuildingId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class DistributionKeyUnitConfiguration : IEntityTypeConfiguration<DistributionKeyUnit>
{
    public void Configure(EntityTypeBuilder<DistributionKeyUnit> b)
    {
        b.ToTable("distribution_key_units", t => t.HasCheckConstraint("ck_distribution_key_units_weight", "weight > 0"));
        b.HasKey(x => new { x.KeyId, x.UnitId });
        b.Property(x => x.Weight).HasPrecision(12, 4);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class SupplierInvoiceConfiguration : IEntityTypeConfiguration<SupplierInvoice>
{
    public void Configure(EntityTypeBuilder<SupplierInvoice> b)
    {
        b.ToTable("supplier_invoices");
        b.Property(x => x.Version).IsRowVersion();
        b.Property(x => x.Number).HasMaxLength(SupplierInvoice.NumberMax);
        b.Property(x => x.RejectionReason).HasMaxLength(SupplierInvoice.ReasonMax);
        b.Ignore(x => x.TotalExclVat);
        b.Ignore(x => x.TotalVat);
        b.Ignore(x => x.TotalInclVat);
        b.HasIndex(x => new { x.BuildingId, x.Status });
        // the same supplier invoice is not booked twice
        b.HasIndex(x => new { x.BuildingId, x.SupplierId, x.Number }).IsUnique();
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Building>().WithMany().HasForeignKey(x => x.BuildingId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Supplier>().WithMany().HasForeignKey(x => x.SupplierId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<DistributionKey>().WithMany().HasForeignKey(x => x.DistributionKeyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<JournalEntry>().WithMany().HasForeignKey(x => x.PurchaseEntryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<JournalEntry>().WithMany().HasForeignKey(x => x.PaymentEntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class InvoiceLineConfiguration : IEntityTypeConfiguration<InvoiceLine>
{
    public void Configure(EntityTypeBuilder<InvoiceLine> b)
    {
        b.ToTable("invoice_lines");
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.Property(x => x.Description).HasMaxLength(InvoiceLine.DescriptionMax);
        b.Property(x => x.VatRate).HasPrecision(5, 2);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ChargeAllocationConfiguration : IEntityTypeConfiguration<ChargeAllocation>
{
    public void Configure(EntityTypeBuilder<ChargeAllocation> b)
    {
        b.ToTable("charge_allocations");
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.HasIndex(x => x.InvoiceId);
        b.HasIndex(x => x.OwnerId);
        b.HasOne<SupplierInvoice>().WithMany().HasForeignKey(x => x.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Owner>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CallForFundsConfiguration : IEntityTypeConfiguration<CallForFunds>
{
    public void Configure(EntityTypeBuilder<CallForFunds> b)
    {
        b.ToTable("calls_for_funds", t => t.HasCheckConstraint("ck_calls_for_funds_amounts", "ordinary >= 0 AND extraordinary >= 0 AND reserve >= 0"));
        b.Property(x => x.Title).HasMaxLength(CallForFunds.TitleMax);
        b.Ignore(x => x.Total);
        b.HasIndex(x => new { x.BuildingId, x.CallDate });
        // a slot of a budget's schedule is called once (a cancelled draft frees it)
        b.HasIndex(x => new { x.BudgetId, x.Period, x.BudgetSlot }).IsUnique().HasFilter("budget_id IS NOT NULL AND status <> 'Cancelled'");
        b.HasOne<Budget>().WithMany().HasForeignKey(x => x.BudgetId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.CallId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Building>().WithMany().HasForeignKey(x => x.BuildingId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<JournalEntry>().WithMany().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CallLineConfiguration : IEntityTypeConfiguration<CallLine>
{
    public void Configure(EntityTypeBuilder<CallLine> b)
    {
        b.ToTable("call_lines", t =>
        {
            t.HasCheckConstraint("ck_call_lines_paid", "paid >= 0 AND paid <= total");
            t.HasCheckConstraint("ck_call_lines_paid_reserve", "paid_reserve >= 0 AND paid_reserve <= reserve AND paid_reserve <= paid");
        });
        b.Property(x => x.StructuredCommunication).HasMaxLength(21);
        b.Property(x => x.ReserveCommunication).HasMaxLength(21);
        b.Property(x => x.Lots).HasMaxLength(CallLine.LotsMax);
        b.Property(x => x.Version).IsRowVersion();   // PostgreSQL xmin: a lost update fails instead of losing a payment
        b.Ignore(x => x.Open);
        // the bank statement names the line by it: never two lines with the same communication
        b.HasIndex(x => x.StructuredCommunication).IsUnique();
        b.HasIndex(x => x.ReserveCommunication).IsUnique().HasFilter("reserve_communication IS NOT NULL");
        b.HasIndex(x => x.OwnerId);
        b.HasOne<Owner>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.PdfFileId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CallSendingConfiguration : IEntityTypeConfiguration<CallSending>
{
    public void Configure(EntityTypeBuilder<CallSending> b)
    {
        b.ToTable("call_sendings");
        b.HasKey(x => x.CallId);
        b.Property(x => x.QueuedBy).HasMaxLength(450);
        b.Property(x => x.Error).HasMaxLength(CallSending.ErrorMax);
        b.Ignore(x => x.Running);
        b.HasOne<CallForFunds>().WithOne().HasForeignKey<CallSending>(x => x.CallId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> b)
    {
        b.ToTable("payments", t => t.HasCheckConstraint("ck_payments_amount", "amount > 0"));
        b.Property(x => x.Reference).HasMaxLength(Payment.ReferenceMax);
        b.HasIndex(x => x.BuildingId).HasFilter("transfer_due > 0 AND transfer_entry_id IS NULL");
        b.HasIndex(x => new { x.BuildingId, x.OwnerId });
        b.HasOne<Owner>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<JournalEntry>().WithMany().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Building>().WithMany().HasForeignKey(x => x.BuildingId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class BankTransactionConfiguration : IEntityTypeConfiguration<BankTransaction>
{
    public void Configure(EntityTypeBuilder<BankTransaction> b)
    {
        b.ToTable("bank_transactions");
        b.Property(x => x.ImportKey).HasMaxLength(64);
        b.Property(x => x.FileName).HasMaxLength(BankTransaction.TextMax);
        b.Property(x => x.StructuredCommunication).HasMaxLength(12);
        b.Property(x => x.Communication).HasMaxLength(BankTransaction.TextMax);
        b.Property(x => x.CounterpartyName).HasMaxLength(BankTransaction.TextMax);
        b.Property(x => x.CounterpartyAccount).HasMaxLength(BankTransaction.TextMax);
        b.Property(x => x.AccountIban).HasMaxLength(34);
        b.HasIndex(x => x.EntryId).HasFilter("entry_id IS NOT NULL");
        // a movement is imported once, whatever file brings it
        b.HasIndex(x => x.ImportKey).IsUnique();
        b.HasIndex(x => new { x.BuildingId, x.Status });
        b.HasOne<Building>().WithMany().HasForeignKey(x => x.BuildingId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Payment>().WithMany().HasForeignKey(x => x.PaymentId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ReminderConfiguration : IEntityTypeConfiguration<Reminder>
{
    public void Configure(EntityTypeBuilder<Reminder> b)
    {
        b.ToTable("reminders");
        b.Property(x => x.TrackingNumber).HasMaxLength(Reminder.TrackingMax);
        b.Ignore(x => x.Total);
        // each step once per line, whoever runs the job
        b.HasIndex(x => new { x.CallLineId, x.Level }).IsUnique();
        b.HasIndex(x => x.BuildingId);
        b.HasOne<CallLine>().WithMany().HasForeignKey(x => x.CallLineId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Owner>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.LetterFileId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class LegalInterestRateConfiguration : IEntityTypeConfiguration<LegalInterestRate>
{
    public void Configure(EntityTypeBuilder<LegalInterestRate> b)
    {
        b.ToTable("legal_interest_rates");
        b.HasKey(x => x.Year);
        b.Property(x => x.Year).ValueGeneratedNever();
        b.Property(x => x.RatePercent).HasPrecision(6, 3);
        b.HasData(new LegalInterestRate { Year = 2025, RatePercent = 4.5m }, new LegalInterestRate { Year = 2026, RatePercent = 4.5m });
    }
}

public sealed class BudgetConfiguration : IEntityTypeConfiguration<Budget>
{
    public void Configure(EntityTypeBuilder<Budget> b)
    {
        b.ToTable("budgets", t => t.HasCheckConstraint("ck_budgets_reserve", "reserve >= 0"));
        b.Property(x => x.AssemblyReference).HasMaxLength(Budget.ReferenceMax);
        b.Property(x => x.RejectionReason).HasMaxLength(Budget.ReasonMax);
        b.Ignore(x => x.Ordinary);
        b.Ignore(x => x.Extraordinary);
        b.Ignore(x => x.Total);
        // one budget per fiscal year, hence at most one active per building and year
        b.HasIndex(x => x.FiscalYearId).IsUnique();
        b.HasIndex(x => x.BuildingId);
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.BudgetId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Building>().WithMany().HasForeignKey(x => x.BuildingId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<FiscalYear>().WithMany().HasForeignKey(x => x.FiscalYearId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class BudgetLineConfiguration : IEntityTypeConfiguration<BudgetLine>
{
    public void Configure(EntityTypeBuilder<BudgetLine> b)
    {
        b.ToTable("budget_lines", t => t.HasCheckConstraint("ck_budget_lines_amount", "amount >= 0"));
        b.Property(x => x.Label).HasMaxLength(BudgetLine.LabelMax);
        b.HasIndex(x => new { x.BudgetId, x.AccountId }).IsUnique();
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class BudgetAlertConfiguration : IEntityTypeConfiguration<BudgetAlert>
{
    public void Configure(EntityTypeBuilder<BudgetAlert> b)
    {
        b.ToTable("budget_alerts");
        b.Property(x => x.VariancePercent).HasPrecision(12, 2);
        // one alert per line (the total has no account) until the variance falls back
        b.HasIndex(x => new { x.BudgetId, x.AccountId }).IsUnique().AreNullsDistinct(false);
        b.HasOne<Budget>().WithMany().HasForeignKey(x => x.BudgetId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class PollConfiguration : IEntityTypeConfiguration<Poll>
{
    public void Configure(EntityTypeBuilder<Poll> b)
    {
        b.ToTable("polls");
        b.Property(x => x.Title).HasMaxLength(Poll.TitleMax);
        b.Property(x => x.Description).HasMaxLength(Poll.DescriptionMax);
        b.Property(x => x.CreatedBy).HasMaxLength(450);
        b.Ignore(x => x.HasOptions);
        b.HasIndex(x => new { x.BuildingId, x.Status });
        b.HasIndex(x => new { x.Status, x.EndsAt });
        b.HasMany(x => x.Options).WithOne().HasForeignKey(x => x.PollId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Building>().WithMany().HasForeignKey(x => x.BuildingId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class PollOptionConfiguration : IEntityTypeConfiguration<PollOption>
{
    public void Configure(EntityTypeBuilder<PollOption> b)
    {
        b.ToTable("poll_options");
        b.Property(x => x.Text).HasMaxLength(Poll.OptionMax);
        b.HasIndex(x => new { x.PollId, x.Position }).IsUnique();
    }
}

public sealed class PollParticipationConfiguration : IEntityTypeConfiguration<PollParticipation>
{
    public void Configure(EntityTypeBuilder<PollParticipation> b)
    {
        // one vote per owner and poll: the key itself
        b.ToTable("poll_participations");
        b.HasKey(x => new { x.PollId, x.OwnerId });
        b.HasIndex(x => x.OwnerId);
        b.HasOne<Poll>().WithMany().HasForeignKey(x => x.PollId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Owner>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class PollBallotConfiguration : IEntityTypeConfiguration<PollBallot>
{
    public void Configure(EntityTypeBuilder<PollBallot> b)
    {
        b.ToTable("poll_ballots", t => t.HasCheckConstraint("ck_poll_ballots_rating", "rating IS NULL OR rating BETWEEN 1 AND 5"));
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Answer).HasMaxLength(Poll.AnswerMax);
        b.HasIndex(x => x.PollId);
        b.HasOne<Poll>().WithMany().HasForeignKey(x => x.PollId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Owner>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ResourceConfiguration : IEntityTypeConfiguration<Resource>
{
    public void Configure(EntityTypeBuilder<Resource> b)
    {
        b.ToTable("resources");
        b.Property(x => x.Name).HasMaxLength(Resource.NameMax);
        b.Property(x => x.Description).HasMaxLength(Resource.DescriptionMax);
        b.Ignore(x => x.ByTheDay);
        b.HasIndex(x => x.BuildingId);
        b.HasOne<Building>().WithMany().HasForeignKey(x => x.BuildingId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class BookingConfiguration : IEntityTypeConfiguration<Booking>
{
    public void Configure(EntityTypeBuilder<Booking> b)
    {
        // the no-overlap exclusion constraint (btree_gist) is added in SQL by the migration: EF has no model for it
        b.ToTable("bookings", t => t.HasCheckConstraint("ck_bookings_period", "ends_at > starts_at"));
        b.Property(x => x.Note).HasMaxLength(Booking.NoteMax);
        b.Property(x => x.UserId).HasMaxLength(450);
        b.HasIndex(x => new { x.OwnerId, x.Status });
        b.HasIndex(x => new { x.Status, x.StartsAt });
        b.HasIndex(x => new { x.BuildingId, x.Status });
        b.HasOne<Resource>().WithMany().HasForeignKey(x => x.ResourceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Owner>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class SharedObjectConfiguration : IEntityTypeConfiguration<SharedObject>
{
    public void Configure(EntityTypeBuilder<SharedObject> b)
    {
        b.ToTable("shared_objects", t => t.HasCheckConstraint("ck_shared_objects_loan_days", "max_loan_days BETWEEN 1 AND 90"));
        b.Property(x => x.Name).HasMaxLength(SharedObject.NameMax);
        b.Property(x => x.Description).HasMaxLength(SharedObject.TextMax);
        b.Property(x => x.Conditions).HasMaxLength(SharedObject.TextMax);
        b.HasIndex(x => new { x.BuildingId, x.Category });
        b.HasIndex(x => x.OwnerId);
        b.HasOne<Building>().WithMany().HasForeignKey(x => x.BuildingId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Owner>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class LoanConfiguration : IEntityTypeConfiguration<Loan>
{
    public void Configure(EntityTypeBuilder<Loan> b)
    {
        b.ToTable("loans", t =>
        {
            t.HasCheckConstraint("ck_loans_rating", "rating IS NULL OR (rating BETWEEN 1 AND 5 AND status = 'Returned')");
            t.HasCheckConstraint("ck_loans_not_own", "borrower_id <> lender_id");
        });
        b.Property(x => x.Message).HasMaxLength(Loan.MessageMax);
        // one open request or loan per borrower and object
        b.HasIndex(x => new { x.ObjectId, x.BorrowerId }).IsUnique().HasFilter("status IN ('Requested', 'Approved', 'OnLoan')");
        b.HasIndex(x => new { x.BorrowerId, x.Status });
        b.HasIndex(x => new { x.Status, x.DueOn });
        b.HasIndex(x => x.LenderId);
        b.HasOne<SharedObject>().WithMany().HasForeignKey(x => x.ObjectId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Owner>().WithMany().HasForeignKey(x => x.BorrowerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Owner>().WithMany().HasForeignKey(x => x.LenderId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> b)
    {
        b.ToTable("notices", t =>
        {
            t.HasCheckConstraint("ck_notices_for_sale_price", "category <> 'ForSale' OR price > 0");
            t.HasCheckConstraint("ck_notices_event", "category <> 'Event' OR (event_at IS NOT NULL AND place IS NOT NULL)");
        });
        b.Property(x => x.Title).HasMaxLength(Notice.TitleMax);
        b.Property(x => x.Body).HasMaxLength(Notice.BodyMax);
        b.Property(x => x.Place).HasMaxLength(Notice.PlaceMax);
        b.Property(x => x.AuthorName).HasMaxLength(200);
        b.Property(x => x.AuthorUserId).HasMaxLength(450);
        b.HasIndex(x => new { x.OrganisationId, x.BuildingId, x.Status });
        b.HasIndex(x => new { x.Status, x.ExpiresAt });
        b.HasOne<Building>().WithMany().HasForeignKey(x => x.BuildingId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class NoticeCommentConfiguration : IEntityTypeConfiguration<NoticeComment>
{
    public void Configure(EntityTypeBuilder<NoticeComment> b)
    {
        b.ToTable("notice_comments");
        b.Property(x => x.Body).HasMaxLength(NoticeComment.BodyMax);
        b.Property(x => x.RemovedReason).HasMaxLength(NoticeComment.ReasonMax);
        b.Property(x => x.AuthorName).HasMaxLength(200);
        b.Property(x => x.AuthorUserId).HasMaxLength(450);
        b.Ignore(x => x.IsRemoved);
        b.HasIndex(x => x.NoticeId);
        b.HasOne<Notice>().WithMany().HasForeignKey(x => x.NoticeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<NoticeComment>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class SkillConfiguration : IEntityTypeConfiguration<Skill>
{
    public void Configure(EntityTypeBuilder<Skill> b)
    {
        b.ToTable("skills", t => t.HasCheckConstraint("ck_skills_years", "years_of_experience BETWEEN 0 AND 70"));
        b.Property(x => x.Title).HasMaxLength(Skill.TitleMax);
        b.Property(x => x.Description).HasMaxLength(Skill.DescriptionMax);
        b.HasIndex(x => new { x.BuildingId, x.Type });
        b.HasIndex(x => x.OwnerId);
        b.HasOne<Building>().WithMany().HasForeignKey(x => x.BuildingId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Owner>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class EndorsementConfiguration : IEntityTypeConfiguration<Endorsement>
{
    public void Configure(EntityTypeBuilder<Endorsement> b)
    {
        // one endorsement per person and skill: the key
        b.ToTable("endorsements");
        b.HasKey(x => new { x.SkillId, x.OwnerId });
        b.HasOne<Skill>().WithMany().HasForeignKey(x => x.SkillId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Owner>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class TimeExchangeConfiguration : IEntityTypeConfiguration<TimeExchange>
{
    public void Configure(EntityTypeBuilder<TimeExchange> b)
    {
        b.ToTable("time_exchanges", t =>
        {
            t.HasCheckConstraint("ck_time_exchanges_hours", "hours >= 0.5 AND hours <= 24");
            t.HasCheckConstraint("ck_time_exchanges_not_self", "provider_id <> receiver_id");
        });
        b.Property(x => x.Hours).HasPrecision(5, 1);
        b.Property(x => x.Description).HasMaxLength(TimeExchange.DescriptionMax);
        b.HasIndex(x => new { x.ProviderId, x.Status });
        b.HasIndex(x => new { x.ReceiverId, x.Status });
        b.HasOne<Skill>().WithMany().HasForeignKey(x => x.SkillId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Owner>().WithMany().HasForeignKey(x => x.ProviderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Owner>().WithMany().HasForeignKey(x => x.ReceiverId).OnDelete(DeleteBehavior.Restrict);
    }
}
