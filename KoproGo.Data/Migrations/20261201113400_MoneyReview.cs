using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KoproGo.Data.Migrations
{
    /// <inheritdoc />
    public partial class MoneyReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_journal_entries_fiscal_year_id_journal_number",
                table: "journal_entries");

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "supplier_invoices",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.AddColumn<string>(
                name: "account",
                table: "payments",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "Working");

            migrationBuilder.AddColumn<decimal>(
                name: "transfer_due",
                table: "payments",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<Guid>(
                name: "transfer_entry_id",
                table: "payments",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "works",
                table: "charge_allocations",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<decimal>(
                name: "paid_reserve",
                table: "call_lines",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<string>(
                name: "reserve_communication",
                table: "call_lines",
                type: "character varying(21)",
                maxLength: 21,
                nullable: true);

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "call_lines",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.AddColumn<string>(
                name: "interest_clause",
                table: "buildings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "interest_start",
                table: "buildings",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "FormalNotice");

            migrationBuilder.AddColumn<DateOnly>(
                name: "provisional_acceptance",
                table: "buildings",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reserve_fund_holder",
                table: "buildings",
                type: "character varying(70)",
                maxLength: 70,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "working_fund_holder",
                table: "buildings",
                type: "character varying(70)",
                maxLength: 70,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "account",
                table: "bank_transactions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "Working");

            migrationBuilder.AddColumn<string>(
                name: "account_iban",
                table: "bank_transactions",
                type: "character varying(34)",
                maxLength: 34,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "entry_date",
                table: "bank_transactions",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<Guid>(
                name: "entry_id",
                table: "bank_transactions",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "rule",
                table: "bank_transactions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.AddColumn<Guid>(
                name: "statement_id",
                table: "bank_transactions",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "is_works",
                table: "accounts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "arrears_charges",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    call_line_id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    building_id = table.Column<Guid>(type: "uuid", nullable: false),
                    interest_until = table.Column<DateOnly>(type: "date", nullable: false),
                    interest = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    fees = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    entry_id = table.Column<Guid>(type: "uuid", nullable: false),
                    charged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_arrears_charges", x => x.id);
                    table.ForeignKey(
                        name: "fk_arrears_charges_call_lines_call_line_id",
                        column: x => x.call_line_id,
                        principalTable: "call_lines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_arrears_charges_journal_entries_entry_id",
                        column: x => x.entry_id,
                        principalTable: "journal_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "bank_statements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    building_id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_iban = table.Column<string>(type: "character varying(34)", maxLength: 34, nullable: false),
                    account = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    file_name = table.Column<string>(type: "character varying(140)", maxLength: 140, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    old_balance = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    new_balance = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    movements = table.Column<int>(type: "integer", nullable: false),
                    imported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bank_statements", x => x.id);
                    table.ForeignKey(
                        name: "fk_bank_statements_buildings_building_id",
                        column: x => x.building_id,
                        principalTable: "buildings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "owner_bank_accounts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    iban = table.Column<string>(type: "character varying(34)", maxLength: 34, nullable: false),
                    learned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_owner_bank_accounts", x => x.id);
                    table.ForeignKey(
                        name: "fk_owner_bank_accounts_owners_owner_id",
                        column: x => x.owner_id,
                        principalTable: "owners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "payment_allocations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    payment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    call_line_id = table.Column<Guid>(type: "uuid", nullable: false),
                    fund = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payment_allocations", x => x.id);
                    table.CheckConstraint("ck_payment_allocations_amount", "amount > 0");
                    table.ForeignKey(
                        name: "fk_payment_allocations_call_lines_call_line_id",
                        column: x => x.call_line_id,
                        principalTable: "call_lines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_payment_allocations_payments_payment_id",
                        column: x => x.payment_id,
                        principalTable: "payments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "year_settlements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    building_id = table.Column<Guid>(type: "uuid", nullable: false),
                    fiscal_year_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    prepared_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    posted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    entry_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_year_settlements", x => x.id);
                    table.ForeignKey(
                        name: "fk_year_settlements_buildings_building_id",
                        column: x => x.building_id,
                        principalTable: "buildings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_year_settlements_fiscal_years_fiscal_year_id",
                        column: x => x.fiscal_year_id,
                        principalTable: "fiscal_years",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "settlement_lines",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    settlement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    ordinary_provisions = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    ordinary_charges = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    extraordinary_provisions = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    works_charges = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    letter_file_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_settlement_lines", x => x.id);
                    table.ForeignKey(
                        name: "fk_settlement_lines_owners_owner_id",
                        column: x => x.owner_id,
                        principalTable: "owners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_settlement_lines_year_settlements_settlement_id",
                        column: x => x.settlement_id,
                        principalTable: "year_settlements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_payments_building_id",
                table: "payments",
                column: "building_id",
                filter: "transfer_due > 0 AND transfer_entry_id IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_journal_entries_fiscal_year_id_journal_number",
                table: "journal_entries",
                columns: new[] { "fiscal_year_id", "journal", "number" },
                unique: true,
                filter: "number > 0");

            migrationBuilder.CreateIndex(
                name: "ix_call_lines_reserve_communication",
                table: "call_lines",
                column: "reserve_communication",
                unique: true,
                filter: "reserve_communication IS NOT NULL");

            migrationBuilder.AddCheckConstraint(
                name: "ck_call_lines_paid_reserve",
                table: "call_lines",
                sql: "paid_reserve >= 0 AND paid_reserve <= reserve AND paid_reserve <= paid");

            migrationBuilder.CreateIndex(
                name: "ix_bank_transactions_entry_id",
                table: "bank_transactions",
                column: "entry_id",
                filter: "entry_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_arrears_charges_call_line_id",
                table: "arrears_charges",
                column: "call_line_id");

            migrationBuilder.CreateIndex(
                name: "ix_arrears_charges_entry_id",
                table: "arrears_charges",
                column: "entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_bank_statements_building_id_date",
                table: "bank_statements",
                columns: new[] { "building_id", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_owner_bank_accounts_iban",
                table: "owner_bank_accounts",
                column: "iban");

            migrationBuilder.CreateIndex(
                name: "ix_owner_bank_accounts_owner_id_iban",
                table: "owner_bank_accounts",
                columns: new[] { "owner_id", "iban" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payment_allocations_call_line_id",
                table: "payment_allocations",
                column: "call_line_id");

            migrationBuilder.CreateIndex(
                name: "ix_payment_allocations_payment_id",
                table: "payment_allocations",
                column: "payment_id");

            migrationBuilder.CreateIndex(
                name: "ix_settlement_lines_owner_id",
                table: "settlement_lines",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "ix_settlement_lines_settlement_id_owner_id",
                table: "settlement_lines",
                columns: new[] { "settlement_id", "owner_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_year_settlements_building_id",
                table: "year_settlements",
                column: "building_id");

            migrationBuilder.CreateIndex(
                name: "ix_year_settlements_fiscal_year_id",
                table: "year_settlements",
                column: "fiscal_year_id",
                unique: true);

            // the chart: 4100 = reserve, 4101 = working (FMT, Diacamma; README "Decisions"); the codes swap through a
            // temporary prefix, the posted lines keep their account ids, so every entry stays balanced
            migrationBuilder.Sql("""
                UPDATE accounts SET code = 'x' || substr(code, 2) WHERE code LIKE '4100%' OR code LIKE '4101%';
                UPDATE accounts SET code = '4101' || substr(code, 5) WHERE code LIKE 'x100%';
                UPDATE accounts SET code = '4100' || substr(code, 5) WHERE code LIKE 'x101%';
                """);
            // class 0 is the Belgian off-balance class: the unused 990 goes
            migrationBuilder.Sql("DELETE FROM accounts a WHERE a.code = '990' AND a.is_standard AND NOT EXISTS (SELECT 1 FROM journal_lines l WHERE l.account_id = a.id);");
            migrationBuilder.Sql("UPDATE accounts SET is_works = true WHERE code LIKE '611%';");
            // allocations made before the per-line split: works when every line of the invoice was on 611
            migrationBuilder.Sql("""
                UPDATE charge_allocations c SET works = true
                 WHERE NOT EXISTS (SELECT 1 FROM invoice_lines l JOIN accounts a ON a.id = l.account_id WHERE l.invoice_id = c.invoice_id AND a.code NOT LIKE '611%');
                """);
            // lines paid before the two funds were followed apart: the reserve's share of what was paid, to the cent
            migrationBuilder.Sql("UPDATE call_lines SET paid_reserve = LEAST(reserve, round(paid * reserve / NULLIF(total, 0), 2)) WHERE reserve > 0 AND paid > 0;");
            migrationBuilder.Sql("UPDATE bank_transactions SET entry_date = value_date, rule = CASE WHEN status = 'Matched' THEN 'StructuredCommunication' ELSE 'None' END;");
            // entries are numbered by the database as their transaction commits
            migrationBuilder.Sql(DatabaseRules.EntryNumbering);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER journal_entries_number ON journal_entries; DROP FUNCTION journal_entries_number();");
            migrationBuilder.Sql(DatabaseRules.Ledger[DatabaseRules.Ledger.IndexOf("CREATE FUNCTION journal_entries_immutable", StringComparison.Ordinal)..DatabaseRules.Ledger.IndexOf("CREATE TRIGGER journal_entries_immutable", StringComparison.Ordinal)]
                .Replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", StringComparison.Ordinal));

            migrationBuilder.DropTable(
                name: "arrears_charges");

            migrationBuilder.DropTable(
                name: "bank_statements");

            migrationBuilder.DropTable(
                name: "owner_bank_accounts");

            migrationBuilder.DropTable(
                name: "payment_allocations");

            migrationBuilder.DropTable(
                name: "settlement_lines");

            migrationBuilder.DropTable(
                name: "year_settlements");

            migrationBuilder.DropIndex(
                name: "ix_payments_building_id",
                table: "payments");

            migrationBuilder.DropIndex(
                name: "ix_journal_entries_fiscal_year_id_journal_number",
                table: "journal_entries");

            migrationBuilder.DropIndex(
                name: "ix_call_lines_reserve_communication",
                table: "call_lines");

            migrationBuilder.DropCheckConstraint(
                name: "ck_call_lines_paid_reserve",
                table: "call_lines");

            migrationBuilder.DropIndex(
                name: "ix_bank_transactions_entry_id",
                table: "bank_transactions");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "supplier_invoices");

            migrationBuilder.DropColumn(
                name: "account",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "transfer_due",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "transfer_entry_id",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "works",
                table: "charge_allocations");

            migrationBuilder.DropColumn(
                name: "paid_reserve",
                table: "call_lines");

            migrationBuilder.DropColumn(
                name: "reserve_communication",
                table: "call_lines");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "call_lines");

            migrationBuilder.DropColumn(
                name: "interest_clause",
                table: "buildings");

            migrationBuilder.DropColumn(
                name: "interest_start",
                table: "buildings");

            migrationBuilder.DropColumn(
                name: "provisional_acceptance",
                table: "buildings");

            migrationBuilder.DropColumn(
                name: "reserve_fund_holder",
                table: "buildings");

            migrationBuilder.DropColumn(
                name: "working_fund_holder",
                table: "buildings");

            migrationBuilder.DropColumn(
                name: "account",
                table: "bank_transactions");

            migrationBuilder.DropColumn(
                name: "account_iban",
                table: "bank_transactions");

            migrationBuilder.DropColumn(
                name: "entry_date",
                table: "bank_transactions");

            migrationBuilder.DropColumn(
                name: "entry_id",
                table: "bank_transactions");

            migrationBuilder.DropColumn(
                name: "rule",
                table: "bank_transactions");

            migrationBuilder.DropColumn(
                name: "statement_id",
                table: "bank_transactions");

            migrationBuilder.DropColumn(
                name: "is_works",
                table: "accounts");

            migrationBuilder.CreateIndex(
                name: "ix_journal_entries_fiscal_year_id_journal_number",
                table: "journal_entries",
                columns: new[] { "fiscal_year_id", "journal", "number" },
                unique: true);
        }
    }
}
