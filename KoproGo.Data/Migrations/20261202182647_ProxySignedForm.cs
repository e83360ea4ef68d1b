using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KoproGo.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProxySignedForm : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "signed_form_file_id",
                table: "proxies",
                type: "uuid",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "signed_form_file_id",
                table: "proxies");
        }
    }
}
