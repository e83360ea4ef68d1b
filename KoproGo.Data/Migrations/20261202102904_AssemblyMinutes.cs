using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KoproGo.Data.Migrations
{
    /// <inheritdoc />
    public partial class AssemblyMinutes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "minutes_drawn_up_at",
                table: "meetings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "minutes_file_id",
                table: "meetings",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "minutes_overdue_at",
                table: "meetings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "minutes_reminded_at",
                table: "meetings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "minutes_sent_at",
                table: "meetings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "minutes_sha256",
                table: "meetings",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "president_owner_id",
                table: "meetings",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "secretary_owner_id",
                table: "meetings",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "signed_minutes_file_id",
                table: "meetings",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "minutes_signatures",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    meeting_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    signed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ip = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_minutes_signatures", x => x.id);
                    table.CheckConstraint("ck_minutes_signatures_signed_at_range", "\"signed_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");
                    table.ForeignKey(
                        name: "fk_minutes_signatures_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_minutes_signatures_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_minutes_signatures_owners_owner_id",
                        column: x => x.owner_id,
                        principalTable: "owners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_meetings_closed_at",
                table: "meetings",
                column: "closed_at",
                filter: "status = 'Closed'");

            migrationBuilder.CreateIndex(
                name: "ix_meetings_minutes_file_id",
                table: "meetings",
                column: "minutes_file_id");

            migrationBuilder.CreateIndex(
                name: "ix_meetings_signed_minutes_file_id",
                table: "meetings",
                column: "signed_minutes_file_id");

            migrationBuilder.AddCheckConstraint(
                name: "ck_meetings_minutes_drawn_up_at_range",
                table: "meetings",
                sql: "\"minutes_drawn_up_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_meetings_minutes_overdue_at_range",
                table: "meetings",
                sql: "\"minutes_overdue_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_meetings_minutes_reminded_at_range",
                table: "meetings",
                sql: "\"minutes_reminded_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_meetings_minutes_sent_at_range",
                table: "meetings",
                sql: "\"minutes_sent_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");

            migrationBuilder.CreateIndex(
                name: "ix_minutes_signatures_meeting_id_owner_id",
                table: "minutes_signatures",
                columns: new[] { "meeting_id", "owner_id" },
                unique: true,
                filter: "owner_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_minutes_signatures_meeting_id_role",
                table: "minutes_signatures",
                columns: new[] { "meeting_id", "role" },
                unique: true,
                filter: "role IN ('President', 'Secretary')");

            migrationBuilder.CreateIndex(
                name: "ix_minutes_signatures_meeting_id_user_id",
                table: "minutes_signatures",
                columns: new[] { "meeting_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_minutes_signatures_owner_id",
                table: "minutes_signatures",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "ix_minutes_signatures_user_id",
                table: "minutes_signatures",
                column: "user_id");

            migrationBuilder.AddForeignKey(
                name: "fk_meetings_files_minutes_file_id",
                table: "meetings",
                column: "minutes_file_id",
                principalTable: "files",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_meetings_files_signed_minutes_file_id",
                table: "meetings",
                column: "signed_minutes_file_id",
                principalTable: "files",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_meetings_files_minutes_file_id",
                table: "meetings");

            migrationBuilder.DropForeignKey(
                name: "fk_meetings_files_signed_minutes_file_id",
                table: "meetings");

            migrationBuilder.DropTable(
                name: "minutes_signatures");

            migrationBuilder.DropIndex(
                name: "ix_meetings_closed_at",
                table: "meetings");

            migrationBuilder.DropIndex(
                name: "ix_meetings_minutes_file_id",
                table: "meetings");

            migrationBuilder.DropIndex(
                name: "ix_meetings_signed_minutes_file_id",
                table: "meetings");

            migrationBuilder.DropCheckConstraint(
                name: "ck_meetings_minutes_drawn_up_at_range",
                table: "meetings");

            migrationBuilder.DropCheckConstraint(
                name: "ck_meetings_minutes_overdue_at_range",
                table: "meetings");

            migrationBuilder.DropCheckConstraint(
                name: "ck_meetings_minutes_reminded_at_range",
                table: "meetings");

            migrationBuilder.DropCheckConstraint(
                name: "ck_meetings_minutes_sent_at_range",
                table: "meetings");

            migrationBuilder.DropColumn(
                name: "minutes_drawn_up_at",
                table: "meetings");

            migrationBuilder.DropColumn(
                name: "minutes_file_id",
                table: "meetings");

            migrationBuilder.DropColumn(
                name: "minutes_overdue_at",
                table: "meetings");

            migrationBuilder.DropColumn(
                name: "minutes_reminded_at",
                table: "meetings");

            migrationBuilder.DropColumn(
                name: "minutes_sent_at",
                table: "meetings");

            migrationBuilder.DropColumn(
                name: "minutes_sha256",
                table: "meetings");

            migrationBuilder.DropColumn(
                name: "president_owner_id",
                table: "meetings");

            migrationBuilder.DropColumn(
                name: "secretary_owner_id",
                table: "meetings");

            migrationBuilder.DropColumn(
                name: "signed_minutes_file_id",
                table: "meetings");
        }
    }
}
