using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KoproGo.Data.Migrations
{
    /// <inheritdoc />
    public partial class NaturalLotNumbers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:CollationDefinition:natural", "und-u-kn-true,und-u-kn-true,icu,True");

            migrationBuilder.AlterColumn<string>(
                name: "number",
                table: "units",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                collation: "natural",
                oldClrType: typeof(string),
                oldType: "character varying(20)",
                oldMaxLength: 20);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:CollationDefinition:natural", "und-u-kn-true,und-u-kn-true,icu,True");

            migrationBuilder.AlterColumn<string>(
                name: "number",
                table: "units",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(20)",
                oldMaxLength: 20,
                oldCollation: "natural");
        }
    }
}
