using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KoproGo.Data.Migrations
{
    /// <inheritdoc />
    public partial class Library : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "shared_objects",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    building_id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    conditions = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    max_loan_days = table.Column<int>(type: "integer", nullable: false),
                    deposit = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    photo_file_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_shared_objects", x => x.id);
                    table.CheckConstraint("ck_shared_objects_loan_days", "max_loan_days BETWEEN 1 AND 90");
                    table.ForeignKey(
                        name: "fk_shared_objects_buildings_building_id",
                        column: x => x.building_id,
                        principalTable: "buildings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_shared_objects_owners_owner_id",
                        column: x => x.owner_id,
                        principalTable: "owners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "loans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    object_id = table.Column<Guid>(type: "uuid", nullable: false),
                    building_id = table.Column<Guid>(type: "uuid", nullable: false),
                    borrower_id = table.Column<Guid>(type: "uuid", nullable: false),
                    lender_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    lent_on = table.Column<DateOnly>(type: "date", nullable: true),
                    due_on = table.Column<DateOnly>(type: "date", nullable: true),
                    returned_on = table.Column<DateOnly>(type: "date", nullable: true),
                    deposit = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    deposit_returned = table.Column<bool>(type: "boolean", nullable: false),
                    rating = table.Column<int>(type: "integer", nullable: true),
                    last_reminder_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_loans", x => x.id);
                    table.CheckConstraint("ck_loans_not_own", "borrower_id <> lender_id");
                    table.CheckConstraint("ck_loans_rating", "rating IS NULL OR (rating BETWEEN 1 AND 5 AND status = 'Returned')");
                    table.ForeignKey(
                        name: "fk_loans_owners_borrower_id",
                        column: x => x.borrower_id,
                        principalTable: "owners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_loans_owners_lender_id",
                        column: x => x.lender_id,
                        principalTable: "owners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_loans_shared_objects_object_id",
                        column: x => x.object_id,
                        principalTable: "shared_objects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_loans_borrower_id_status",
                table: "loans",
                columns: new[] { "borrower_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_loans_lender_id",
                table: "loans",
                column: "lender_id");

            migrationBuilder.CreateIndex(
                name: "ix_loans_object_id_borrower_id",
                table: "loans",
                columns: new[] { "object_id", "borrower_id" },
                unique: true,
                filter: "status IN ('Requested', 'Approved', 'OnLoan')");

            migrationBuilder.CreateIndex(
                name: "ix_loans_status_due_on",
                table: "loans",
                columns: new[] { "status", "due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_shared_objects_building_id_category",
                table: "shared_objects",
                columns: new[] { "building_id", "category" });

            migrationBuilder.CreateIndex(
                name: "ix_shared_objects_owner_id",
                table: "shared_objects",
                column: "owner_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "loans");

            migrationBuilder.DropTable(
                name: "shared_objects");
        }
    }
}
