using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KoproGo.Data.Migrations
{
    /// <inheritdoc />
    public partial class UnanimityRetry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "retry_of_meeting_id",
                table: "meetings",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "unanimity_of_present",
                table: "agenda_items",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "retry_of_meeting_id",
                table: "meetings");

            migrationBuilder.DropColumn(
                name: "unanimity_of_present",
                table: "agenda_items");
        }
    }
}
