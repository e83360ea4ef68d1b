using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KoproGo.Data.Migrations
{
    /// <inheritdoc />
    public partial class NotaryInformation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "files",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "Other");

            // the files the app drew or linked already say what they are
            migrationBuilder.Sql("""
                UPDATE files SET kind = 'Minutes' WHERE id IN (SELECT minutes_file_id FROM meetings UNION SELECT signed_minutes_file_id FROM meetings);
                UPDATE files SET kind = 'Certificate' WHERE id IN (SELECT certificate_file_id FROM inspections);
                """);

            migrationBuilder.CreateTable(
                name: "legal_cases",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    building_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    counterparty = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    court = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    opened_on = table.Column<DateOnly>(type: "date", nullable: false),
                    closed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    amount_at_stake = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_legal_cases", x => x.id);
                    table.CheckConstraint("ck_legal_cases_amount", "amount_at_stake IS NULL OR amount_at_stake >= 0");
                    table.CheckConstraint("ck_legal_cases_closed_on_range", "\"closed_on\" BETWEEN '1900-01-01' AND '2199-12-31'");
                    table.CheckConstraint("ck_legal_cases_dates", "closed_on IS NULL OR closed_on >= opened_on");
                    table.CheckConstraint("ck_legal_cases_opened_on_range", "\"opened_on\" BETWEEN '1900-01-01' AND '2199-12-31'");
                    table.ForeignKey(
                        name: "fk_legal_cases_buildings_building_id",
                        column: x => x.building_id,
                        principalTable: "buildings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_legal_cases_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "notary_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    building_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stage = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    received_on = table.Column<DateOnly>(type: "date", nullable: false),
                    notary_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    notary_email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    language = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    buyer_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    transfer_on = table.Column<DateOnly>(type: "date", nullable: true),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    reference_date = table.Column<DateOnly>(type: "date", nullable: true),
                    pack_file_id = table.Column<Guid>(type: "uuid", nullable: true),
                    generated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    delivered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cancel_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    statements = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notary_requests", x => x.id);
                    table.CheckConstraint("ck_notary_requests_created_at_range", "\"created_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");
                    table.CheckConstraint("ck_notary_requests_delivered_at_range", "\"delivered_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");
                    table.CheckConstraint("ck_notary_requests_generated", "status NOT IN ('Generated', 'Delivered') OR (pack_file_id IS NOT NULL AND reference_date IS NOT NULL)");
                    table.CheckConstraint("ck_notary_requests_generated_at_range", "\"generated_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");
                    table.CheckConstraint("ck_notary_requests_language", "language IN ('fr-BE', 'nl-BE')");
                    table.CheckConstraint("ck_notary_requests_received_on_range", "\"received_on\" BETWEEN '1900-01-01' AND '2199-12-31'");
                    table.CheckConstraint("ck_notary_requests_reference_date_range", "\"reference_date\" BETWEEN '1900-01-01' AND '2199-12-31'");
                    table.CheckConstraint("ck_notary_requests_transfer_on_range", "\"transfer_on\" BETWEEN '1900-01-01' AND '2199-12-31'");
                    table.ForeignKey(
                        name: "fk_notary_requests_buildings_building_id",
                        column: x => x.building_id,
                        principalTable: "buildings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_notary_requests_files_pack_file_id",
                        column: x => x.pack_file_id,
                        principalTable: "files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_notary_requests_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_notary_requests_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_legal_cases_building_id",
                table: "legal_cases",
                column: "building_id");

            migrationBuilder.CreateIndex(
                name: "ix_legal_cases_organisation_id",
                table: "legal_cases",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_notary_requests_building_id",
                table: "notary_requests",
                column: "building_id");

            migrationBuilder.CreateIndex(
                name: "ix_notary_requests_organisation_id_status",
                table: "notary_requests",
                columns: new[] { "organisation_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_notary_requests_pack_file_id",
                table: "notary_requests",
                column: "pack_file_id");

            migrationBuilder.CreateIndex(
                name: "ix_notary_requests_unit_id",
                table: "notary_requests",
                column: "unit_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "legal_cases");

            migrationBuilder.DropTable(
                name: "notary_requests");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "files");
        }
    }
}
