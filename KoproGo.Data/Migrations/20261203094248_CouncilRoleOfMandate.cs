using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KoproGo.Data.Migrations
{
    /// <inheritdoc />
    public partial class CouncilRoleOfMandate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "granted_membership_id",
                table: "mandates",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_mandates_granted_membership_id",
                table: "mandates",
                column: "granted_membership_id");

            migrationBuilder.AddForeignKey(
                name: "fk_mandates_memberships_granted_membership_id",
                table: "mandates",
                column: "granted_membership_id",
                principalTable: "memberships",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_mandates_memberships_granted_membership_id",
                table: "mandates");

            migrationBuilder.DropIndex(
                name: "ix_mandates_granted_membership_id",
                table: "mandates");

            migrationBuilder.DropColumn(
                name: "granted_membership_id",
                table: "mandates");
        }
    }
}
