using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KoproGo.Data.Migrations
{
    /// <inheritdoc />
    public partial class Budgets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "budget_id",
                table: "calls_for_funds",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "budget_slot",
                table: "calls_for_funds",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "budgets",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    building_id = table.Column<Guid>(type: "uuid", nullable: false),
                    fiscal_year_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    reserve = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    assembly_date = table.Column<DateOnly>(type: "date", nullable: true),
                    assembly_reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    rejection_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    voted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    activated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_budgets", x => x.id);
                    table.CheckConstraint("ck_budgets_reserve", "reserve >= 0");
                    table.ForeignKey(
                        name: "fk_budgets_buildings_building_id",
                        column: x => x.building_id,
                        principalTable: "buildings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_budgets_fiscal_years_fiscal_year_id",
                        column: x => x.fiscal_year_id,
                        principalTable: "fiscal_years",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "budget_alerts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    budget_id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: true),
                    variance_percent = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_budget_alerts", x => x.id);
                    table.ForeignKey(
                        name: "fk_budget_alerts_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_budget_alerts_budgets_budget_id",
                        column: x => x.budget_id,
                        principalTable: "budgets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "budget_lines",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    budget_id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_budget_lines", x => x.id);
                    table.CheckConstraint("ck_budget_lines_amount", "amount >= 0");
                    table.ForeignKey(
                        name: "fk_budget_lines_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_budget_lines_budgets_budget_id",
                        column: x => x.budget_id,
                        principalTable: "budgets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_calls_for_funds_budget_id_period_budget_slot",
                table: "calls_for_funds",
                columns: new[] { "budget_id", "period", "budget_slot" },
                unique: true,
                filter: "budget_id IS NOT NULL AND status <> 'Cancelled'");

            migrationBuilder.CreateIndex(
                name: "ix_budget_alerts_account_id",
                table: "budget_alerts",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_budget_alerts_budget_id_account_id",
                table: "budget_alerts",
                columns: new[] { "budget_id", "account_id" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "ix_budget_lines_account_id",
                table: "budget_lines",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_budget_lines_budget_id_account_id",
                table: "budget_lines",
                columns: new[] { "budget_id", "account_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_budgets_building_id",
                table: "budgets",
                column: "building_id");

            migrationBuilder.CreateIndex(
                name: "ix_budgets_fiscal_year_id",
                table: "budgets",
                column: "fiscal_year_id",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_calls_for_funds_budgets_budget_id",
                table: "calls_for_funds",
                column: "budget_id",
                principalTable: "budgets",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_calls_for_funds_budgets_budget_id",
                table: "calls_for_funds");

            migrationBuilder.DropTable(
                name: "budget_alerts");

            migrationBuilder.DropTable(
                name: "budget_lines");

            migrationBuilder.DropTable(
                name: "budgets");

            migrationBuilder.DropIndex(
                name: "ix_calls_for_funds_budget_id_period_budget_slot",
                table: "calls_for_funds");

            migrationBuilder.DropColumn(
                name: "budget_id",
                table: "calls_for_funds");

            migrationBuilder.DropColumn(
                name: "budget_slot",
                table: "calls_for_funds");
        }
    }
}
