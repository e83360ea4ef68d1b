using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KoproGo.Data.Migrations
{
    /// <inheritdoc />
    public partial class CalendarDatesInRange : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddCheckConstraint(
                name: "ck_year_settlements_posted_at_range",
                table: "year_settlements",
                sql: "\"posted_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_year_settlements_prepared_at_range",
                table: "year_settlements",
                sql: "\"prepared_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_two_factor_failures_at_range",
                table: "two_factor_failures",
                sql: "\"at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_time_exchanges_completed_at_range",
                table: "time_exchanges",
                sql: "\"completed_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_time_exchanges_requested_at_range",
                table: "time_exchanges",
                sql: "\"requested_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_supplier_invoices_created_at_range",
                table: "supplier_invoices",
                sql: "\"created_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_supplier_invoices_due_date_range",
                table: "supplier_invoices",
                sql: "\"due_date\" BETWEEN '1900-01-01' AND '2199-12-31'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_supplier_invoices_invoice_date_range",
                table: "supplier_invoices",
                sql: "\"invoice_date\" BETWEEN '1900-01-01' AND '2199-12-31'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_supplier_invoices_paid_on_range",
                table: "supplier_invoices",
                sql: "\"paid_on\" BETWEEN '1900-01-01' AND '2199-12-31'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_skills_created_at_range",
                table: "skills",
                sql: "\"created_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_shared_objects_created_at_range",
                table: "shared_objects",
                sql: "\"created_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_role_invitations_accepted_at_range",
                table: "role_invitations",
                sql: "\"accepted_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_role_invitations_created_at_range",
                table: "role_invitations",
                sql: "\"created_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_role_invitations_declined_at_range",
                table: "role_invitations",
                sql: "\"declined_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_role_invitations_expires_at_range",
                table: "role_invitations",
                sql: "\"expires_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_role_invitations_revoked_at_range",
                table: "role_invitations",
                sql: "\"revoked_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_reminders_issued_on_range",
                table: "reminders",
                sql: "\"issued_on\" BETWEEN '1900-01-01' AND '2199-12-31'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_polls_closed_at_range",
                table: "polls",
                sql: "\"closed_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_polls_created_at_range",
                table: "polls",
                sql: "\"created_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_polls_ends_at_range",
                table: "polls",
                sql: "\"ends_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_polls_published_at_range",
                table: "polls",
                sql: "\"published_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_poll_participations_voted_at_range",
                table: "poll_participations",
                sql: "\"voted_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_payments_date_range",
                table: "payments",
                sql: "\"date\" BETWEEN '1900-01-01' AND '2199-12-31'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_payments_recorded_at_range",
                table: "payments",
                sql: "\"recorded_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_payment_allocations_date_range",
                table: "payment_allocations",
                sql: "\"date\" BETWEEN '1900-01-01' AND '2199-12-31'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_ownerships_end_date_range",
                table: "ownerships",
                sql: "\"end_date\" BETWEEN '1900-01-01' AND '2199-12-31'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_ownerships_start_date_range",
                table: "ownerships",
                sql: "\"start_date\" BETWEEN '1900-01-01' AND '2199-12-31'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_owners_erased_at_range",
                table: "owners",
                sql: "\"erased_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_owner_bank_accounts_learned_at_range",
                table: "owner_bank_accounts",
                sql: "\"learned_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_outbox_emails_created_at_range",
                table: "outbox_emails",
                sql: "\"created_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_outbox_emails_next_attempt_at_range",
                table: "outbox_emails",
                sql: "\"next_attempt_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_outbox_emails_sent_at_range",
                table: "outbox_emails",
                sql: "\"sent_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_organisations_created_at_range",
                table: "organisations",
                sql: "\"created_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_notifications_created_at_range",
                table: "notifications",
                sql: "\"created_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_notifications_read_at_range",
                table: "notifications",
                sql: "\"read_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_notices_created_at_range",
                table: "notices",
                sql: "\"created_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_notices_event_at_range",
                table: "notices",
                sql: "\"event_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_notices_expires_at_range",
                table: "notices",
                sql: "\"expires_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_notices_published_at_range",
                table: "notices",
                sql: "\"published_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_notice_comments_created_at_range",
                table: "notice_comments",
                sql: "\"created_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_notice_comments_edited_at_range",
                table: "notice_comments",
                sql: "\"edited_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_notice_comments_removed_at_range",
                table: "notice_comments",
                sql: "\"removed_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_memberships_created_at_range",
                table: "memberships",
                sql: "\"created_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_loans_due_on_range",
                table: "loans",
                sql: "\"due_on\" BETWEEN '1900-01-01' AND '2199-12-31'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_loans_last_reminder_on_range",
                table: "loans",
                sql: "\"last_reminder_on\" BETWEEN '1900-01-01' AND '2199-12-31'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_loans_lent_on_range",
                table: "loans",
                sql: "\"lent_on\" BETWEEN '1900-01-01' AND '2199-12-31'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_loans_requested_at_range",
                table: "loans",
                sql: "\"requested_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_loans_returned_on_range",
                table: "loans",
                sql: "\"returned_on\" BETWEEN '1900-01-01' AND '2199-12-31'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_journal_lines_date_range",
                table: "journal_lines",
                sql: "\"date\" BETWEEN '1900-01-01' AND '2199-12-31'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_journal_entries_date_range",
                table: "journal_entries",
                sql: "\"date\" BETWEEN '1900-01-01' AND '2199-12-31'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_journal_entries_posted_at_range",
                table: "journal_entries",
                sql: "\"posted_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_invitations_accepted_at_range",
                table: "invitations",
                sql: "\"accepted_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_invitations_created_at_range",
                table: "invitations",
                sql: "\"created_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_invitations_expires_at_range",
                table: "invitations",
                sql: "\"expires_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_invitations_revoked_at_range",
                table: "invitations",
                sql: "\"revoked_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_fiscal_years_closed_at_range",
                table: "fiscal_years",
                sql: "\"closed_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_fiscal_years_end_date_range",
                table: "fiscal_years",
                sql: "\"end_date\" BETWEEN '1900-01-01' AND '2199-12-31'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_fiscal_years_start_date_range",
                table: "fiscal_years",
                sql: "\"start_date\" BETWEEN '1900-01-01' AND '2199-12-31'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_files_uploaded_at_range",
                table: "files",
                sql: "\"uploaded_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_endorsements_endorsed_at_range",
                table: "endorsements",
                sql: "\"endorsed_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_email_changes_cancelled_at_range",
                table: "email_changes",
                sql: "\"cancelled_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_email_changes_confirmed_at_range",
                table: "email_changes",
                sql: "\"confirmed_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_email_changes_expires_at_range",
                table: "email_changes",
                sql: "\"expires_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_email_changes_requested_at_range",
                table: "email_changes",
                sql: "\"requested_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_consent_records_accepted_at_range",
                table: "consent_records",
                sql: "\"accepted_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_calls_for_funds_call_date_range",
                table: "calls_for_funds",
                sql: "\"call_date\" BETWEEN '1900-01-01' AND '2199-12-31'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_calls_for_funds_created_at_range",
                table: "calls_for_funds",
                sql: "\"created_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_calls_for_funds_due_date_range",
                table: "calls_for_funds",
                sql: "\"due_date\" BETWEEN '1900-01-01' AND '2199-12-31'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_calls_for_funds_sent_at_range",
                table: "calls_for_funds",
                sql: "\"sent_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_call_sendings_finished_at_range",
                table: "call_sendings",
                sql: "\"finished_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_call_sendings_queued_at_range",
                table: "call_sendings",
                sql: "\"queued_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_buildings_provisional_acceptance_range",
                table: "buildings",
                sql: "\"provisional_acceptance\" BETWEEN '1900-01-01' AND '2199-12-31'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_budgets_activated_at_range",
                table: "budgets",
                sql: "\"activated_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_budgets_assembly_date_range",
                table: "budgets",
                sql: "\"assembly_date\" BETWEEN '1900-01-01' AND '2199-12-31'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_budgets_closed_at_range",
                table: "budgets",
                sql: "\"closed_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_budgets_created_at_range",
                table: "budgets",
                sql: "\"created_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_budgets_submitted_at_range",
                table: "budgets",
                sql: "\"submitted_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_budgets_voted_at_range",
                table: "budgets",
                sql: "\"voted_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_budget_alerts_raised_at_range",
                table: "budget_alerts",
                sql: "\"raised_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_bookings_cancelled_at_range",
                table: "bookings",
                sql: "\"cancelled_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_bookings_checked_in_at_range",
                table: "bookings",
                sql: "\"checked_in_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_bookings_checked_out_at_range",
                table: "bookings",
                sql: "\"checked_out_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_bookings_created_at_range",
                table: "bookings",
                sql: "\"created_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_bookings_ends_at_range",
                table: "bookings",
                sql: "\"ends_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_bookings_reminder_sent_at_range",
                table: "bookings",
                sql: "\"reminder_sent_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_bookings_starts_at_range",
                table: "bookings",
                sql: "\"starts_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_bank_transactions_entry_date_range",
                table: "bank_transactions",
                sql: "\"entry_date\" BETWEEN '1900-01-01' AND '2199-12-31'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_bank_transactions_imported_at_range",
                table: "bank_transactions",
                sql: "\"imported_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_bank_transactions_value_date_range",
                table: "bank_transactions",
                sql: "\"value_date\" BETWEEN '1900-01-01' AND '2199-12-31'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_bank_statements_date_range",
                table: "bank_statements",
                sql: "\"date\" BETWEEN '1900-01-01' AND '2199-12-31'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_bank_statements_imported_at_range",
                table: "bank_statements",
                sql: "\"imported_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_backup_codes_created_at_range",
                table: "backup_codes",
                sql: "\"created_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_backup_codes_used_at_range",
                table: "backup_codes",
                sql: "\"used_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_audit_entries_at_range",
                table: "audit_entries",
                sql: "\"at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_AspNetUsers_created_at_range",
                table: "AspNetUsers",
                sql: "\"created_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_AspNetUsers_erased_at_range",
                table: "AspNetUsers",
                sql: "\"erased_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_AspNetUsers_marketing_objected_at_range",
                table: "AspNetUsers",
                sql: "\"marketing_objected_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_AspNetUsers_processing_restricted_at_range",
                table: "AspNetUsers",
                sql: "\"processing_restricted_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_AspNetUsers_totp_pending_since_range",
                table: "AspNetUsers",
                sql: "\"totp_pending_since\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_arrears_charges_charged_at_range",
                table: "arrears_charges",
                sql: "\"charged_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_arrears_charges_interest_until_range",
                table: "arrears_charges",
                sql: "\"interest_until\" BETWEEN '1900-01-01' AND '2199-12-31'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_year_settlements_posted_at_range",
                table: "year_settlements");

            migrationBuilder.DropCheckConstraint(
                name: "ck_year_settlements_prepared_at_range",
                table: "year_settlements");

            migrationBuilder.DropCheckConstraint(
                name: "ck_two_factor_failures_at_range",
                table: "two_factor_failures");

            migrationBuilder.DropCheckConstraint(
                name: "ck_time_exchanges_completed_at_range",
                table: "time_exchanges");

            migrationBuilder.DropCheckConstraint(
                name: "ck_time_exchanges_requested_at_range",
                table: "time_exchanges");

            migrationBuilder.DropCheckConstraint(
                name: "ck_supplier_invoices_created_at_range",
                table: "supplier_invoices");

            migrationBuilder.DropCheckConstraint(
                name: "ck_supplier_invoices_due_date_range",
                table: "supplier_invoices");

            migrationBuilder.DropCheckConstraint(
                name: "ck_supplier_invoices_invoice_date_range",
                table: "supplier_invoices");

            migrationBuilder.DropCheckConstraint(
                name: "ck_supplier_invoices_paid_on_range",
                table: "supplier_invoices");

            migrationBuilder.DropCheckConstraint(
                name: "ck_skills_created_at_range",
                table: "skills");

            migrationBuilder.DropCheckConstraint(
                name: "ck_shared_objects_created_at_range",
                table: "shared_objects");

            migrationBuilder.DropCheckConstraint(
                name: "ck_role_invitations_accepted_at_range",
                table: "role_invitations");

            migrationBuilder.DropCheckConstraint(
                name: "ck_role_invitations_created_at_range",
                table: "role_invitations");

            migrationBuilder.DropCheckConstraint(
                name: "ck_role_invitations_declined_at_range",
                table: "role_invitations");

            migrationBuilder.DropCheckConstraint(
                name: "ck_role_invitations_expires_at_range",
                table: "role_invitations");

            migrationBuilder.DropCheckConstraint(
                name: "ck_role_invitations_revoked_at_range",
                table: "role_invitations");

            migrationBuilder.DropCheckConstraint(
                name: "ck_reminders_issued_on_range",
                table: "reminders");

            migrationBuilder.DropCheckConstraint(
                name: "ck_polls_closed_at_range",
                table: "polls");

            migrationBuilder.DropCheckConstraint(
                name: "ck_polls_created_at_range",
                table: "polls");

            migrationBuilder.DropCheckConstraint(
                name: "ck_polls_ends_at_range",
                table: "polls");

            migrationBuilder.DropCheckConstraint(
                name: "ck_polls_published_at_range",
                table: "polls");

            migrationBuilder.DropCheckConstraint(
                name: "ck_poll_participations_voted_at_range",
                table: "poll_participations");

            migrationBuilder.DropCheckConstraint(
                name: "ck_payments_date_range",
                table: "payments");

            migrationBuilder.DropCheckConstraint(
                name: "ck_payments_recorded_at_range",
                table: "payments");

            migrationBuilder.DropCheckConstraint(
                name: "ck_payment_allocations_date_range",
                table: "payment_allocations");

            migrationBuilder.DropCheckConstraint(
                name: "ck_ownerships_end_date_range",
                table: "ownerships");

            migrationBuilder.DropCheckConstraint(
                name: "ck_ownerships_start_date_range",
                table: "ownerships");

            migrationBuilder.DropCheckConstraint(
                name: "ck_owners_erased_at_range",
                table: "owners");

            migrationBuilder.DropCheckConstraint(
                name: "ck_owner_bank_accounts_learned_at_range",
                table: "owner_bank_accounts");

            migrationBuilder.DropCheckConstraint(
                name: "ck_outbox_emails_created_at_range",
                table: "outbox_emails");

            migrationBuilder.DropCheckConstraint(
                name: "ck_outbox_emails_next_attempt_at_range",
                table: "outbox_emails");

            migrationBuilder.DropCheckConstraint(
                name: "ck_outbox_emails_sent_at_range",
                table: "outbox_emails");

            migrationBuilder.DropCheckConstraint(
                name: "ck_organisations_created_at_range",
                table: "organisations");

            migrationBuilder.DropCheckConstraint(
                name: "ck_notifications_created_at_range",
                table: "notifications");

            migrationBuilder.DropCheckConstraint(
                name: "ck_notifications_read_at_range",
                table: "notifications");

            migrationBuilder.DropCheckConstraint(
                name: "ck_notices_created_at_range",
                table: "notices");

            migrationBuilder.DropCheckConstraint(
                name: "ck_notices_event_at_range",
                table: "notices");

            migrationBuilder.DropCheckConstraint(
                name: "ck_notices_expires_at_range",
                table: "notices");

            migrationBuilder.DropCheckConstraint(
                name: "ck_notices_published_at_range",
                table: "notices");

            migrationBuilder.DropCheckConstraint(
                name: "ck_notice_comments_created_at_range",
                table: "notice_comments");

            migrationBuilder.DropCheckConstraint(
                name: "ck_notice_comments_edited_at_range",
                table: "notice_comments");

            migrationBuilder.DropCheckConstraint(
                name: "ck_notice_comments_removed_at_range",
                table: "notice_comments");

            migrationBuilder.DropCheckConstraint(
                name: "ck_memberships_created_at_range",
                table: "memberships");

            migrationBuilder.DropCheckConstraint(
                name: "ck_loans_due_on_range",
                table: "loans");

            migrationBuilder.DropCheckConstraint(
                name: "ck_loans_last_reminder_on_range",
                table: "loans");

            migrationBuilder.DropCheckConstraint(
                name: "ck_loans_lent_on_range",
                table: "loans");

            migrationBuilder.DropCheckConstraint(
                name: "ck_loans_requested_at_range",
                table: "loans");

            migrationBuilder.DropCheckConstraint(
                name: "ck_loans_returned_on_range",
                table: "loans");

            migrationBuilder.DropCheckConstraint(
                name: "ck_journal_lines_date_range",
                table: "journal_lines");

            migrationBuilder.DropCheckConstraint(
                name: "ck_journal_entries_date_range",
                table: "journal_entries");

            migrationBuilder.DropCheckConstraint(
                name: "ck_journal_entries_posted_at_range",
                table: "journal_entries");

            migrationBuilder.DropCheckConstraint(
                name: "ck_invitations_accepted_at_range",
                table: "invitations");

            migrationBuilder.DropCheckConstraint(
                name: "ck_invitations_created_at_range",
                table: "invitations");

            migrationBuilder.DropCheckConstraint(
                name: "ck_invitations_expires_at_range",
                table: "invitations");

            migrationBuilder.DropCheckConstraint(
                name: "ck_invitations_revoked_at_range",
                table: "invitations");

            migrationBuilder.DropCheckConstraint(
                name: "ck_fiscal_years_closed_at_range",
                table: "fiscal_years");

            migrationBuilder.DropCheckConstraint(
                name: "ck_fiscal_years_end_date_range",
                table: "fiscal_years");

            migrationBuilder.DropCheckConstraint(
                name: "ck_fiscal_years_start_date_range",
                table: "fiscal_years");

            migrationBuilder.DropCheckConstraint(
                name: "ck_files_uploaded_at_range",
                table: "files");

            migrationBuilder.DropCheckConstraint(
                name: "ck_endorsements_endorsed_at_range",
                table: "endorsements");

            migrationBuilder.DropCheckConstraint(
                name: "ck_email_changes_cancelled_at_range",
                table: "email_changes");

            migrationBuilder.DropCheckConstraint(
                name: "ck_email_changes_confirmed_at_range",
                table: "email_changes");

            migrationBuilder.DropCheckConstraint(
                name: "ck_email_changes_expires_at_range",
                table: "email_changes");

            migrationBuilder.DropCheckConstraint(
                name: "ck_email_changes_requested_at_range",
                table: "email_changes");

            migrationBuilder.DropCheckConstraint(
                name: "ck_consent_records_accepted_at_range",
                table: "consent_records");

            migrationBuilder.DropCheckConstraint(
                name: "ck_calls_for_funds_call_date_range",
                table: "calls_for_funds");

            migrationBuilder.DropCheckConstraint(
                name: "ck_calls_for_funds_created_at_range",
                table: "calls_for_funds");

            migrationBuilder.DropCheckConstraint(
                name: "ck_calls_for_funds_due_date_range",
                table: "calls_for_funds");

            migrationBuilder.DropCheckConstraint(
                name: "ck_calls_for_funds_sent_at_range",
                table: "calls_for_funds");

            migrationBuilder.DropCheckConstraint(
                name: "ck_call_sendings_finished_at_range",
                table: "call_sendings");

            migrationBuilder.DropCheckConstraint(
                name: "ck_call_sendings_queued_at_range",
                table: "call_sendings");

            migrationBuilder.DropCheckConstraint(
                name: "ck_buildings_provisional_acceptance_range",
                table: "buildings");

            migrationBuilder.DropCheckConstraint(
                name: "ck_budgets_activated_at_range",
                table: "budgets");

            migrationBuilder.DropCheckConstraint(
                name: "ck_budgets_assembly_date_range",
                table: "budgets");

            migrationBuilder.DropCheckConstraint(
                name: "ck_budgets_closed_at_range",
                table: "budgets");

            migrationBuilder.DropCheckConstraint(
                name: "ck_budgets_created_at_range",
                table: "budgets");

            migrationBuilder.DropCheckConstraint(
                name: "ck_budgets_submitted_at_range",
                table: "budgets");

            migrationBuilder.DropCheckConstraint(
                name: "ck_budgets_voted_at_range",
                table: "budgets");

            migrationBuilder.DropCheckConstraint(
                name: "ck_budget_alerts_raised_at_range",
                table: "budget_alerts");

            migrationBuilder.DropCheckConstraint(
                name: "ck_bookings_cancelled_at_range",
                table: "bookings");

            migrationBuilder.DropCheckConstraint(
                name: "ck_bookings_checked_in_at_range",
                table: "bookings");

            migrationBuilder.DropCheckConstraint(
                name: "ck_bookings_checked_out_at_range",
                table: "bookings");

            migrationBuilder.DropCheckConstraint(
                name: "ck_bookings_created_at_range",
                table: "bookings");

            migrationBuilder.DropCheckConstraint(
                name: "ck_bookings_ends_at_range",
                table: "bookings");

            migrationBuilder.DropCheckConstraint(
                name: "ck_bookings_reminder_sent_at_range",
                table: "bookings");

            migrationBuilder.DropCheckConstraint(
                name: "ck_bookings_starts_at_range",
                table: "bookings");

            migrationBuilder.DropCheckConstraint(
                name: "ck_bank_transactions_entry_date_range",
                table: "bank_transactions");

            migrationBuilder.DropCheckConstraint(
                name: "ck_bank_transactions_imported_at_range",
                table: "bank_transactions");

            migrationBuilder.DropCheckConstraint(
                name: "ck_bank_transactions_value_date_range",
                table: "bank_transactions");

            migrationBuilder.DropCheckConstraint(
                name: "ck_bank_statements_date_range",
                table: "bank_statements");

            migrationBuilder.DropCheckConstraint(
                name: "ck_bank_statements_imported_at_range",
                table: "bank_statements");

            migrationBuilder.DropCheckConstraint(
                name: "ck_backup_codes_created_at_range",
                table: "backup_codes");

            migrationBuilder.DropCheckConstraint(
                name: "ck_backup_codes_used_at_range",
                table: "backup_codes");

            migrationBuilder.DropCheckConstraint(
                name: "ck_audit_entries_at_range",
                table: "audit_entries");

            migrationBuilder.DropCheckConstraint(
                name: "ck_AspNetUsers_created_at_range",
                table: "AspNetUsers");

            migrationBuilder.DropCheckConstraint(
                name: "ck_AspNetUsers_erased_at_range",
                table: "AspNetUsers");

            migrationBuilder.DropCheckConstraint(
                name: "ck_AspNetUsers_marketing_objected_at_range",
                table: "AspNetUsers");

            migrationBuilder.DropCheckConstraint(
                name: "ck_AspNetUsers_processing_restricted_at_range",
                table: "AspNetUsers");

            migrationBuilder.DropCheckConstraint(
                name: "ck_AspNetUsers_totp_pending_since_range",
                table: "AspNetUsers");

            migrationBuilder.DropCheckConstraint(
                name: "ck_arrears_charges_charged_at_range",
                table: "arrears_charges");

            migrationBuilder.DropCheckConstraint(
                name: "ck_arrears_charges_interest_until_range",
                table: "arrears_charges");
        }
    }
}
