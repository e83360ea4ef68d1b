using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KoproGo.Data.Migrations
{
    /// <inheritdoc />
    public partial class Warranties : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "warranties",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    building_id = table.Column<Guid>(type: "uuid", nullable: false),
                    ticket_id = table.Column<Guid>(type: "uuid", nullable: true),
                    subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    contractor = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    accepted_on = table.Column<DateOnly>(type: "date", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: false),
                    notice_sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_by_user_id = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_warranties", x => x.id);
                    table.CheckConstraint("ck_warranties_accepted_on_range", "\"accepted_on\" BETWEEN '1900-01-01' AND '2199-12-31'");
                    table.CheckConstraint("ck_warranties_created_at_range", "\"created_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");
                    table.CheckConstraint("ck_warranties_end", "ends_on > accepted_on");
                    table.CheckConstraint("ck_warranties_ends_on_range", "\"ends_on\" BETWEEN '1900-01-01' AND '2199-12-31'");
                    table.CheckConstraint("ck_warranties_notice_sent_at_range", "\"notice_sent_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");
                    table.ForeignKey(
                        name: "fk_warranties_asp_net_users_created_by_user_id",
                        column: x => x.created_by_user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_warranties_buildings_building_id",
                        column: x => x.building_id,
                        principalTable: "buildings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_warranties_tickets_ticket_id",
                        column: x => x.ticket_id,
                        principalTable: "tickets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "ix_warranties_building_id_ends_on",
                table: "warranties",
                columns: new[] { "building_id", "ends_on" });

            migrationBuilder.CreateIndex(
                name: "ix_warranties_created_by_user_id",
                table: "warranties",
                column: "created_by_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_warranties_ends_on",
                table: "warranties",
                column: "ends_on",
                filter: "notice_sent_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_warranties_ticket_id",
                table: "warranties",
                column: "ticket_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "warranties");
        }
    }
}
