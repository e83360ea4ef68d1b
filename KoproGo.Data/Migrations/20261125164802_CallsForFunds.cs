using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KoproGo.Data.Migrations
{
    /// <inheritdoc />
    public partial class CallsForFunds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "owner_id",
                table: "files",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "use",
                table: "files",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "BuildingDocument");

            migrationBuilder.CreateTable(
                name: "calls_for_funds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    building_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    period = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    call_date = table.Column<DateOnly>(type: "date", nullable: false),
                    due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    ordinary = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    extraordinary = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    reserve = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_calls_for_funds", x => x.id);
                    table.CheckConstraint("ck_calls_for_funds_amounts", "ordinary >= 0 AND extraordinary >= 0 AND reserve >= 0");
                    table.ForeignKey(
                        name: "fk_calls_for_funds_buildings_building_id",
                        column: x => x.building_id,
                        principalTable: "buildings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_calls_for_funds_journal_entries_entry_id",
                        column: x => x.entry_id,
                        principalTable: "journal_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "payments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    building_id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    method = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    reference = table.Column<string>(type: "character varying(140)", maxLength: 140, nullable: true),
                    entry_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unapplied = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments", x => x.id);
                    table.CheckConstraint("ck_payments_amount", "amount > 0");
                    table.ForeignKey(
                        name: "fk_payments_buildings_building_id",
                        column: x => x.building_id,
                        principalTable: "buildings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_payments_journal_entries_entry_id",
                        column: x => x.entry_id,
                        principalTable: "journal_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_payments_owners_owner_id",
                        column: x => x.owner_id,
                        principalTable: "owners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "call_lines",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    call_id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    ordinary = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    extraordinary = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    reserve = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    total = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    paid = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    structured_communication = table.Column<string>(type: "character varying(21)", maxLength: 21, nullable: false),
                    lots = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    pdf_file_id = table.Column<Guid>(type: "uuid", nullable: true),
                    by_post = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_call_lines", x => x.id);
                    table.CheckConstraint("ck_call_lines_paid", "paid >= 0 AND paid <= total");
                    table.ForeignKey(
                        name: "fk_call_lines_calls_for_funds_call_id",
                        column: x => x.call_id,
                        principalTable: "calls_for_funds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_call_lines_files_pdf_file_id",
                        column: x => x.pdf_file_id,
                        principalTable: "files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_call_lines_owners_owner_id",
                        column: x => x.owner_id,
                        principalTable: "owners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_call_lines_call_id",
                table: "call_lines",
                column: "call_id");

            migrationBuilder.CreateIndex(
                name: "ix_call_lines_owner_id",
                table: "call_lines",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "ix_call_lines_pdf_file_id",
                table: "call_lines",
                column: "pdf_file_id");

            migrationBuilder.CreateIndex(
                name: "ix_call_lines_structured_communication",
                table: "call_lines",
                column: "structured_communication",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_calls_for_funds_building_id_call_date",
                table: "calls_for_funds",
                columns: new[] { "building_id", "call_date" });

            migrationBuilder.CreateIndex(
                name: "ix_calls_for_funds_entry_id",
                table: "calls_for_funds",
                column: "entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_payments_building_id_owner_id",
                table: "payments",
                columns: new[] { "building_id", "owner_id" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_entry_id",
                table: "payments",
                column: "entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_payments_owner_id",
                table: "payments",
                column: "owner_id");

            // the numbers behind the structured communications (+++nnn/nnnn/nnncc+++): never reused
            migrationBuilder.Sql("CREATE SEQUENCE structured_communication_seq START 1000001");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP SEQUENCE IF EXISTS structured_communication_seq");
            migrationBuilder.DropTable(
                name: "call_lines");

            migrationBuilder.DropTable(
                name: "payments");

            migrationBuilder.DropTable(
                name: "calls_for_funds");

            migrationBuilder.DropColumn(
                name: "owner_id",
                table: "files");

            migrationBuilder.DropColumn(
                name: "use",
                table: "files");
        }
    }
}
