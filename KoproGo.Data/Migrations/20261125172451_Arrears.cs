using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace KoproGo.Data.Migrations
{
    /// <inheritdoc />
    public partial class Arrears : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "legal_interest_rates",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    rate_percent = table.Column<decimal>(type: "numeric(6,3)", precision: 6, scale: 3, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_legal_interest_rates", x => x.year);
                });

            migrationBuilder.CreateTable(
                name: "reminders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    call_line_id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    building_id = table.Column<Guid>(type: "uuid", nullable: false),
                    level = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    issued_on = table.Column<DateOnly>(type: "date", nullable: false),
                    days_overdue = table.Column<int>(type: "integer", nullable: false),
                    open = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    interest = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    fee = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    letter_file_id = table.Column<Guid>(type: "uuid", nullable: true),
                    tracking_number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reminders", x => x.id);
                    table.ForeignKey(
                        name: "fk_reminders_call_lines_call_line_id",
                        column: x => x.call_line_id,
                        principalTable: "call_lines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_reminders_files_letter_file_id",
                        column: x => x.letter_file_id,
                        principalTable: "files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_reminders_owners_owner_id",
                        column: x => x.owner_id,
                        principalTable: "owners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "legal_interest_rates",
                columns: new[] { "year", "rate_percent" },
                values: new object[,]
                {
                    { 2025, 4.5m },
                    { 2026, 4.5m }
                });

            migrationBuilder.CreateIndex(
                name: "ix_reminders_building_id",
                table: "reminders",
                column: "building_id");

            migrationBuilder.CreateIndex(
                name: "ix_reminders_call_line_id_level",
                table: "reminders",
                columns: new[] { "call_line_id", "level" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reminders_letter_file_id",
                table: "reminders",
                column: "letter_file_id");

            migrationBuilder.CreateIndex(
                name: "ix_reminders_owner_id",
                table: "reminders",
                column: "owner_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "legal_interest_rates");

            migrationBuilder.DropTable(
                name: "reminders");
        }
    }
}
