using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KoproGo.Data.Migrations
{
    /// <inheritdoc />
    public partial class Governance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "candidate_owner_id",
                table: "agenda_items",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "effect",
                table: "agenda_items",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.AddColumn<DateOnly>(
                name: "mandate_ends",
                table: "agenda_items",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "mandates",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    building_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: false),
                    meeting_id = table.Column<Guid>(type: "uuid", nullable: false),
                    agenda_item_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mandates", x => x.id);
                    table.CheckConstraint("ck_mandates_ends_on_range", "\"ends_on\" BETWEEN '1900-01-01' AND '2199-12-31'");
                    table.CheckConstraint("ck_mandates_period", "ends_on > starts_on");
                    table.CheckConstraint("ck_mandates_starts_on_range", "\"starts_on\" BETWEEN '1900-01-01' AND '2199-12-31'");
                    table.ForeignKey(
                        name: "fk_mandates_agenda_items_agenda_item_id",
                        column: x => x.agenda_item_id,
                        principalTable: "agenda_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_mandates_buildings_building_id",
                        column: x => x.building_id,
                        principalTable: "buildings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_mandates_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_mandates_owners_owner_id",
                        column: x => x.owner_id,
                        principalTable: "owners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_agenda_items_mandate_ends_range",
                table: "agenda_items",
                sql: "\"mandate_ends\" BETWEEN '1900-01-01' AND '2199-12-31'");

            migrationBuilder.CreateIndex(
                name: "ix_mandates_agenda_item_id",
                table: "mandates",
                column: "agenda_item_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_mandates_building_id_kind_starts_on",
                table: "mandates",
                columns: new[] { "building_id", "kind", "starts_on" });

            migrationBuilder.CreateIndex(
                name: "ix_mandates_meeting_id",
                table: "mandates",
                column: "meeting_id");

            migrationBuilder.CreateIndex(
                name: "ix_mandates_owner_id",
                table: "mandates",
                column: "owner_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "mandates");

            migrationBuilder.DropCheckConstraint(
                name: "ck_agenda_items_mandate_ends_range",
                table: "agenda_items");

            migrationBuilder.DropColumn(
                name: "candidate_owner_id",
                table: "agenda_items");

            migrationBuilder.DropColumn(
                name: "effect",
                table: "agenda_items");

            migrationBuilder.DropColumn(
                name: "mandate_ends",
                table: "agenda_items");
        }
    }
}
