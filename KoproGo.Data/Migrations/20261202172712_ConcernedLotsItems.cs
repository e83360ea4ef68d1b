using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KoproGo.Data.Migrations
{
    /// <inheritdoc />
    public partial class ConcernedLotsItems : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "distribution_key_id",
                table: "agenda_items",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_agenda_items_distribution_key_id",
                table: "agenda_items",
                column: "distribution_key_id");

            migrationBuilder.AddForeignKey(
                name: "fk_agenda_items_distribution_keys_distribution_key_id",
                table: "agenda_items",
                column: "distribution_key_id",
                principalTable: "distribution_keys",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_agenda_items_distribution_keys_distribution_key_id",
                table: "agenda_items");

            migrationBuilder.DropIndex(
                name: "ix_agenda_items_distribution_key_id",
                table: "agenda_items");

            migrationBuilder.DropColumn(
                name: "distribution_key_id",
                table: "agenda_items");
        }
    }
}
