using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KoproGo.Data.Migrations
{
    /// <inheritdoc />
    public partial class OwnerRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "agenda_proposals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    building_id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<string>(type: "text", nullable: false),
                    author_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    due_from = table.Column<DateOnly>(type: "date", nullable: false),
                    agenda_item_id = table.Column<Guid>(type: "uuid", nullable: true),
                    withdrawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agenda_proposals", x => x.id);
                    table.CheckConstraint("ck_agenda_proposals_due_from_range", "\"due_from\" BETWEEN '1900-01-01' AND '2199-12-31'");
                    table.CheckConstraint("ck_agenda_proposals_received_at_range", "\"received_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");
                    table.CheckConstraint("ck_agenda_proposals_withdrawn_at_range", "\"withdrawn_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");
                    table.ForeignKey(
                        name: "fk_agenda_proposals_agenda_items_agenda_item_id",
                        column: x => x.agenda_item_id,
                        principalTable: "agenda_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_agenda_proposals_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_agenda_proposals_buildings_building_id",
                        column: x => x.building_id,
                        principalTable: "buildings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_agenda_proposals_owners_owner_id",
                        column: x => x.owner_id,
                        principalTable: "owners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "assembly_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    building_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reached_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    meeting_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reminded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    overdue_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assembly_requests", x => x.id);
                    table.CheckConstraint("ck_assembly_requests_created_at_range", "\"created_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");
                    table.CheckConstraint("ck_assembly_requests_overdue_at_range", "\"overdue_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");
                    table.CheckConstraint("ck_assembly_requests_reached_at_range", "\"reached_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");
                    table.CheckConstraint("ck_assembly_requests_reminded_at_range", "\"reminded_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");
                    table.ForeignKey(
                        name: "fk_assembly_requests_buildings_building_id",
                        column: x => x.building_id,
                        principalTable: "buildings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_assembly_requests_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "assembly_settings",
                columns: table => new
                {
                    building_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    period_month = table.Column<int>(type: "integer", nullable: true),
                    period_day = table.Column<int>(type: "integer", nullable: true),
                    convocation_days = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assembly_settings", x => x.building_id);
                    table.CheckConstraint("ck_assembly_settings_convocation", "convocation_days >= 15");
                    table.CheckConstraint("ck_assembly_settings_period", "(period_month IS NULL) = (period_day IS NULL) AND (period_month IS NULL OR period_month BETWEEN 1 AND 12 AND period_day BETWEEN 1 AND 31)");
                    table.CheckConstraint("ck_assembly_settings_updated_at_range", "\"updated_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");
                    table.ForeignKey(
                        name: "fk_assembly_settings_buildings_building_id",
                        column: x => x.building_id,
                        principalTable: "buildings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "assembly_request_signatures",
                columns: table => new
                {
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    shares = table.Column<int>(type: "integer", nullable: false),
                    signed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assembly_request_signatures", x => new { x.request_id, x.owner_id });
                    table.CheckConstraint("ck_assembly_request_signatures_shares", "shares >= 0");
                    table.CheckConstraint("ck_assembly_request_signatures_signed_at_range", "\"signed_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");
                    table.ForeignKey(
                        name: "fk_assembly_request_signatures_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_assembly_request_signatures_assembly_requests_request_id",
                        column: x => x.request_id,
                        principalTable: "assembly_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_assembly_request_signatures_owners_owner_id",
                        column: x => x.owner_id,
                        principalTable: "owners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_agenda_proposals_agenda_item_id",
                table: "agenda_proposals",
                column: "agenda_item_id",
                unique: true,
                filter: "agenda_item_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_agenda_proposals_building_id_due_from",
                table: "agenda_proposals",
                columns: new[] { "building_id", "due_from" });

            migrationBuilder.CreateIndex(
                name: "ix_agenda_proposals_owner_id",
                table: "agenda_proposals",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "ix_agenda_proposals_user_id",
                table: "agenda_proposals",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_assembly_request_signatures_owner_id",
                table: "assembly_request_signatures",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "ix_assembly_request_signatures_user_id",
                table: "assembly_request_signatures",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_assembly_requests_building_id_created_at",
                table: "assembly_requests",
                columns: new[] { "building_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_assembly_requests_meeting_id",
                table: "assembly_requests",
                column: "meeting_id");

            migrationBuilder.CreateIndex(
                name: "ix_assembly_requests_reached_at",
                table: "assembly_requests",
                column: "reached_at",
                filter: "reached_at IS NOT NULL AND overdue_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agenda_proposals");

            migrationBuilder.DropTable(
                name: "assembly_request_signatures");

            migrationBuilder.DropTable(
                name: "assembly_settings");

            migrationBuilder.DropTable(
                name: "assembly_requests");
        }
    }
}
