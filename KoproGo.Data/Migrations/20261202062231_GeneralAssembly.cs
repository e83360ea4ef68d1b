using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KoproGo.Data.Migrations
{
    /// <inheritdoc />
    public partial class GeneralAssembly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "meetings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    building_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    place = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    remote_link = table.Column<string>(type: "text", nullable: true),
                    identity_check = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    first_session_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    convened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cancel_reason = table.Column<string>(type: "text", nullable: true),
                    quorum = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    owners_present = table.Column<int>(type: "integer", nullable: true),
                    owners_total = table.Column<int>(type: "integer", nullable: true),
                    shares_present = table.Column<int>(type: "integer", nullable: true),
                    shares_total = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meetings", x => x.id);
                    table.CheckConstraint("ck_meetings_closed_at_range", "\"closed_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");
                    table.CheckConstraint("ck_meetings_convened_at_range", "\"convened_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");
                    table.CheckConstraint("ck_meetings_created_at_range", "\"created_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");
                    table.CheckConstraint("ck_meetings_opened_at_range", "\"opened_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");
                    table.CheckConstraint("ck_meetings_starts_at_range", "\"starts_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");
                    table.ForeignKey(
                        name: "fk_meetings_buildings_building_id",
                        column: x => x.building_id,
                        principalTable: "buildings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_meetings_meetings_first_session_id",
                        column: x => x.first_session_id,
                        principalTable: "meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "agenda_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    meeting_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    majority = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    budget_id = table.Column<Guid>(type: "uuid", nullable: true),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    adopted = table.Column<bool>(type: "boolean", nullable: true),
                    votes_for = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    votes_against = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    votes_abstained = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    note = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agenda_items", x => x.id);
                    table.CheckConstraint("ck_agenda_items_closed_at_range", "\"closed_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");
                    table.CheckConstraint("ck_agenda_items_opened_at_range", "\"opened_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");
                    table.CheckConstraint("ck_agenda_items_position", "position > 0");
                    table.ForeignKey(
                        name: "fk_agenda_items_budgets_budget_id",
                        column: x => x.budget_id,
                        principalTable: "budgets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_agenda_items_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "attendances",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    meeting_id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    mode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    arrived_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    left_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_attendances", x => x.id);
                    table.CheckConstraint("ck_attendances_arrived_at_range", "\"arrived_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");
                    table.CheckConstraint("ck_attendances_left_after_arrival", "left_at IS NULL OR left_at >= arrived_at");
                    table.CheckConstraint("ck_attendances_left_at_range", "\"left_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");
                    table.ForeignKey(
                        name: "fk_attendances_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_attendances_owners_owner_id",
                        column: x => x.owner_id,
                        principalTable: "owners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "proxies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    meeting_id = table.Column<Guid>(type: "uuid", nullable: false),
                    grantor_owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    holder_owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_proxies", x => x.id);
                    table.CheckConstraint("ck_proxies_created_at_range", "\"created_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");
                    table.CheckConstraint("ck_proxies_not_self", "grantor_owner_id <> holder_owner_id");
                    table.ForeignKey(
                        name: "fk_proxies_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_proxies_owners_grantor_owner_id",
                        column: x => x.grantor_owner_id,
                        principalTable: "owners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_proxies_owners_holder_owner_id",
                        column: x => x.holder_owner_id,
                        principalTable: "owners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "item_ballots",
                columns: table => new
                {
                    agenda_item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    voter_owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    vote = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    shares = table.Column<int>(type: "integer", nullable: false),
                    cast_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    cast_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_item_ballots", x => new { x.agenda_item_id, x.owner_id });
                    table.CheckConstraint("ck_item_ballots_cast_at_range", "\"cast_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");
                    table.CheckConstraint("ck_item_ballots_shares", "shares > 0");
                    table.ForeignKey(
                        name: "fk_item_ballots_agenda_items_agenda_item_id",
                        column: x => x.agenda_item_id,
                        principalTable: "agenda_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_item_ballots_owners_owner_id",
                        column: x => x.owner_id,
                        principalTable: "owners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_item_ballots_owners_voter_owner_id",
                        column: x => x.voter_owner_id,
                        principalTable: "owners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_agenda_items_budget_id",
                table: "agenda_items",
                column: "budget_id");

            migrationBuilder.CreateIndex(
                name: "ix_agenda_items_meeting_id_position",
                table: "agenda_items",
                columns: new[] { "meeting_id", "position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_attendances_meeting_id_owner_id",
                table: "attendances",
                columns: new[] { "meeting_id", "owner_id" },
                unique: true,
                filter: "left_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_attendances_owner_id",
                table: "attendances",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "ix_item_ballots_owner_id",
                table: "item_ballots",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "ix_item_ballots_voter_owner_id",
                table: "item_ballots",
                column: "voter_owner_id");

            migrationBuilder.CreateIndex(
                name: "ix_meetings_building_id_starts_at",
                table: "meetings",
                columns: new[] { "building_id", "starts_at" });

            migrationBuilder.CreateIndex(
                name: "ix_meetings_first_session_id",
                table: "meetings",
                column: "first_session_id",
                unique: true,
                filter: "first_session_id IS NOT NULL AND status <> 'Cancelled'");

            migrationBuilder.CreateIndex(
                name: "ix_proxies_grantor_owner_id",
                table: "proxies",
                column: "grantor_owner_id");

            migrationBuilder.CreateIndex(
                name: "ix_proxies_holder_owner_id",
                table: "proxies",
                column: "holder_owner_id");

            migrationBuilder.CreateIndex(
                name: "ix_proxies_meeting_id_grantor_owner_id",
                table: "proxies",
                columns: new[] { "meeting_id", "grantor_owner_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_proxies_meeting_id_holder_owner_id",
                table: "proxies",
                columns: new[] { "meeting_id", "holder_owner_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "attendances");

            migrationBuilder.DropTable(
                name: "item_ballots");

            migrationBuilder.DropTable(
                name: "proxies");

            migrationBuilder.DropTable(
                name: "agenda_items");

            migrationBuilder.DropTable(
                name: "meetings");
        }
    }
}
