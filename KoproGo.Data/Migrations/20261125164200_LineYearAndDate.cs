using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KoproGo.Data.Migrations
{
    /// <inheritdoc />
    public partial class LineYearAndDate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "date",
                table: "journal_lines",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<Guid>(
                name: "fiscal_year_id",
                table: "journal_lines",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            // existing lines take their entry's year and date (the immutability trigger steps aside for this one copy)
            migrationBuilder.Sql("""
                ALTER TABLE journal_lines DISABLE TRIGGER journal_lines_immutable;
                UPDATE journal_lines l SET fiscal_year_id = e.fiscal_year_id, date = e.date FROM journal_entries e WHERE e.id = l.entry_id;
                ALTER TABLE journal_lines ENABLE TRIGGER journal_lines_immutable;
                """);
            migrationBuilder.Sql(DatabaseRules.LinePlacement);

            migrationBuilder.CreateIndex(
                name: "ix_journal_lines_fiscal_year_id_account_id_date",
                table: "journal_lines",
                columns: new[] { "fiscal_year_id", "account_id", "date" })
                .Annotation("Npgsql:IndexInclude", new[] { "debit", "credit" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS journal_lines_place ON journal_lines; DROP FUNCTION IF EXISTS journal_lines_place();");
            migrationBuilder.DropIndex(
                name: "ix_journal_lines_fiscal_year_id_account_id_date",
                table: "journal_lines");

            migrationBuilder.DropColumn(
                name: "date",
                table: "journal_lines");

            migrationBuilder.DropColumn(
                name: "fiscal_year_id",
                table: "journal_lines");
        }
    }
}
