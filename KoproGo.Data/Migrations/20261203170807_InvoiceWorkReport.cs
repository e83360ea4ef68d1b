using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KoproGo.Data.Migrations
{
    /// <inheritdoc />
    public partial class InvoiceWorkReport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "work_report_id",
                table: "supplier_invoices",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_supplier_invoices_work_report_id",
                table: "supplier_invoices",
                column: "work_report_id");

            migrationBuilder.AddForeignKey(
                name: "fk_supplier_invoices_work_reports_work_report_id",
                table: "supplier_invoices",
                column: "work_report_id",
                principalTable: "work_reports",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_supplier_invoices_work_reports_work_report_id",
                table: "supplier_invoices");

            migrationBuilder.DropIndex(
                name: "ix_supplier_invoices_work_report_id",
                table: "supplier_invoices");

            migrationBuilder.DropColumn(
                name: "work_report_id",
                table: "supplier_invoices");
        }
    }
}
