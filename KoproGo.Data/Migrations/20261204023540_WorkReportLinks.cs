using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KoproGo.Data.Migrations
{
    /// <inheritdoc />
    public partial class WorkReportLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_tickets_assigned",
                table: "tickets");

            migrationBuilder.AlterColumn<string>(
                name: "contractor_user_id",
                table: "work_reports",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AddColumn<string>(
                name: "external_contractor_name",
                table: "tickets",
                type: "character varying(120)",
                maxLength: 120,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "work_report_links",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    ticket_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    building_id = table.Column<Guid>(type: "uuid", nullable: false),
                    contractor_name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    language = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_by_user_id = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_report_links", x => x.id);
                    table.CheckConstraint("ck_work_report_links_created_at_range", "\"created_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");
                    table.CheckConstraint("ck_work_report_links_expires_at_range", "\"expires_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");
                    table.CheckConstraint("ck_work_report_links_revoked_at_range", "\"revoked_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");
                    table.CheckConstraint("ck_work_report_links_used_at_range", "\"used_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");
                    table.ForeignKey(
                        name: "fk_work_report_links_asp_net_users_created_by_user_id",
                        column: x => x.created_by_user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_work_report_links_tickets_ticket_id",
                        column: x => x.ticket_id,
                        principalTable: "tickets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_tickets_assigned",
                table: "tickets",
                sql: "status NOT IN ('Assigned', 'InProgress') OR contractor_user_id IS NOT NULL OR external_contractor_name IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_work_report_links_created_by_user_id",
                table: "work_report_links",
                column: "created_by_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_work_report_links_ticket_id",
                table: "work_report_links",
                column: "ticket_id",
                unique: true,
                filter: "used_at IS NULL AND revoked_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_work_report_links_token_hash",
                table: "work_report_links",
                column: "token_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "work_report_links");

            migrationBuilder.DropCheckConstraint(
                name: "ck_tickets_assigned",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "external_contractor_name",
                table: "tickets");

            migrationBuilder.AlterColumn<string>(
                name: "contractor_user_id",
                table: "work_reports",
                type: "text",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_tickets_assigned",
                table: "tickets",
                sql: "status NOT IN ('Assigned', 'InProgress') OR contractor_user_id IS NOT NULL");
        }
    }
}
