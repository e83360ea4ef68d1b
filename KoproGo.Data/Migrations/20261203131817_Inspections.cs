using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace KoproGo.Data.Migrations
{
    /// <inheritdoc />
    public partial class Inspections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "equipment",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    building_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    fuel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    power_kw = table.Column<int>(type: "integer", nullable: true),
                    certified_maintenance = table.Column<bool>(type: "boolean", nullable: false),
                    tank_litres = table.Column<int>(type: "integer", nullable: true),
                    placement = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    installed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    retired_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_equipment", x => x.id);
                    table.CheckConstraint("ck_equipment_installed_on_range", "\"installed_on\" BETWEEN '1900-01-01' AND '2199-12-31'");
                    table.CheckConstraint("ck_equipment_power", "power_kw IS NULL OR power_kw BETWEEN 1 AND 100000");
                    table.CheckConstraint("ck_equipment_retired_on_range", "\"retired_on\" BETWEEN '1900-01-01' AND '2199-12-31'");
                    table.CheckConstraint("ck_equipment_tank", "tank_litres IS NULL OR tank_litres BETWEEN 1 AND 1000000");
                    table.ForeignKey(
                        name: "fk_equipment_buildings_building_id",
                        column: x => x.building_id,
                        principalTable: "buildings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "inspection_rules",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    region = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    equipment = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    fuel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    min_power_kw = table.Column<int>(type: "integer", nullable: true),
                    below_power_kw = table.Column<int>(type: "integer", nullable: true),
                    certified_maintenance = table.Column<bool>(type: "boolean", nullable: true),
                    min_tank_litres = table.Column<int>(type: "integer", nullable: true),
                    placement = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    built_before = table.Column<int>(type: "integer", nullable: true),
                    period_months = table.Column<int>(type: "integer", nullable: false),
                    inspector = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    note = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    source = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspection_rules", x => x.id);
                    table.CheckConstraint("ck_inspection_rules_period", "period_months BETWEEN 1 AND 600");
                });

            migrationBuilder.CreateTable(
                name: "inspections",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    building_id = table.Column<Guid>(type: "uuid", nullable: false),
                    equipment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    rule_id = table.Column<Guid>(type: "uuid", nullable: true),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    scheduled_on = table.Column<DateOnly>(type: "date", nullable: false),
                    inspector_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    inspected_on = table.Column<DateOnly>(type: "date", nullable: true),
                    defects = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    reinspect_by = table.Column<DateOnly>(type: "date", nullable: true),
                    certificate_file_id = table.Column<Guid>(type: "uuid", nullable: true),
                    valid_until = table.Column<DateOnly>(type: "date", nullable: true),
                    due_on = table.Column<DateOnly>(type: "date", nullable: true),
                    cancel_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    superseded = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspections", x => x.id);
                    table.CheckConstraint("ck_inspections_completed_at_range", "\"completed_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");
                    table.CheckConstraint("ck_inspections_created_at_range", "\"created_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");
                    table.CheckConstraint("ck_inspections_due_on_range", "\"due_on\" BETWEEN '1900-01-01' AND '2199-12-31'");
                    table.CheckConstraint("ck_inspections_failed", "status <> 'Failed' OR (defects IS NOT NULL AND reinspect_by IS NOT NULL)");
                    table.CheckConstraint("ck_inspections_inspected_on_range", "\"inspected_on\" BETWEEN '1900-01-01' AND '2199-12-31'");
                    table.CheckConstraint("ck_inspections_reinspect_by_range", "\"reinspect_by\" BETWEEN '1900-01-01' AND '2199-12-31'");
                    table.CheckConstraint("ck_inspections_result", "status NOT IN ('Passed', 'Failed') OR (inspected_on IS NOT NULL AND due_on IS NOT NULL)");
                    table.CheckConstraint("ck_inspections_scheduled_on_range", "\"scheduled_on\" BETWEEN '1900-01-01' AND '2199-12-31'");
                    table.CheckConstraint("ck_inspections_valid_until_range", "\"valid_until\" BETWEEN '1900-01-01' AND '2199-12-31'");
                    table.ForeignKey(
                        name: "fk_inspections_buildings_building_id",
                        column: x => x.building_id,
                        principalTable: "buildings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_inspections_equipment_equipment_id",
                        column: x => x.equipment_id,
                        principalTable: "equipment",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_inspections_files_certificate_file_id",
                        column: x => x.certificate_file_id,
                        principalTable: "files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_inspections_inspection_rules_rule_id",
                        column: x => x.rule_id,
                        principalTable: "inspection_rules",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "inspection_alerts",
                columns: table => new
                {
                    inspection_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stage = table.Column<int>(type: "integer", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspection_alerts", x => new { x.inspection_id, x.stage });
                    table.CheckConstraint("ck_inspection_alerts_sent_at_range", "\"sent_at\" BETWEEN '1900-01-01T00:00:00Z' AND '2200-01-01T00:00:00Z'");
                    table.ForeignKey(
                        name: "fk_inspection_alerts_inspections_inspection_id",
                        column: x => x.inspection_id,
                        principalTable: "inspections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "inspection_rules",
                columns: new[] { "id", "active", "below_power_kw", "built_before", "certified_maintenance", "equipment", "fuel", "inspector", "min_power_kw", "min_tank_litres", "note", "period_months", "placement", "region", "source", "type" },
                values: new object[,]
                {
                    { new Guid("6f2d0000-0000-4000-8000-000000000001"), true, null, null, true, "Lift", null, "ApprovedBody", null, null, "Visite préventive par un SECT agréé / EDTC", 6, null, null, "AR/KB 9.3.2003 relatif à la sécurité des ascenseurs / betreffende de veiligheid van liften (entretien certifié)", "Lift" },
                    { new Guid("6f2d0000-0000-4000-8000-000000000002"), true, null, null, false, "Lift", null, "ApprovedBody", null, null, "Visite préventive par un SECT agréé / EDTC", 3, null, null, "AR/KB 9.3.2003 relatif à la sécurité des ascenseurs / betreffende de veiligheid van liften", "Lift" },
                    { new Guid("6f2d0000-0000-4000-8000-000000000003"), true, null, null, null, "Lift", null, "ApprovedBody", null, null, null, 180, null, null, "AR/KB 9.3.2003 modifié par AR/KB 10.12.2012 (analyse de risques / risicoanalyse)", "LiftRiskAnalysis" },
                    { new Guid("6f2d0000-0000-4000-8000-000000000004"), true, null, null, null, null, null, "ApprovedBody", null, null, null, 60, null, null, "RGIE/AREI Livre 1 (contrôle périodique / periodieke controle)", "Electrical" },
                    { new Guid("6f2d0000-0000-4000-8000-000000000005"), true, null, null, null, "Boiler", "Oil", "CertifiedTechnician", null, null, "Entretien/Onderhoud mazout: annuel", 12, null, null, "Bruxelles: réglementation chauffage PEB; Wallonie: AGW 29.1.2009; Vlaanderen: BVR 8.12.2006 stookinstallaties", "Heating" },
                    { new Guid("6f2d0000-0000-4000-8000-000000000006"), true, null, null, null, "Boiler", "Gas", "CertifiedTechnician", null, null, null, 24, null, "Brussels", "Bruxelles: réglementation chauffage PEB (Bruxelles Environnement)", "Heating" },
                    { new Guid("6f2d0000-0000-4000-8000-000000000007"), true, null, null, null, "Boiler", "Gas", "CertifiedTechnician", null, null, null, 24, null, "Flanders", "BVR 8.12.2006 betreffende het onderhoud en het nazicht van stookinstallaties", "Heating" },
                    { new Guid("6f2d0000-0000-4000-8000-000000000008"), true, 100, null, null, "Boiler", "Gas", "CertifiedTechnician", null, null, null, 36, null, "Wallonia", "AGW 29.1.2009 (installations de chauffage central) — gaz < 100 kW", "Heating" },
                    { new Guid("6f2d0000-0000-4000-8000-000000000009"), true, null, null, null, "Boiler", "Gas", "CertifiedTechnician", 100, null, null, 24, null, "Wallonia", "AGW 29.1.2009 (installations de chauffage central) — gaz ≥ 100 kW", "Heating" },
                    { new Guid("6f2d0000-0000-4000-8000-000000000010"), true, null, null, null, "FireEquipment", null, "CompetentPerson", null, null, null, 12, null, null, "NBN S 21-050 (extincteurs / blustoestellen, entretien annuel)", "FireSafety" },
                    { new Guid("6f2d0000-0000-4000-8000-000000000012"), true, null, null, null, null, null, "EnergyAssessor", null, null, null, 120, null, "Flanders", "Energiedecreet 8.5.2009 en Energiebesluit 19.11.2010: EPC gemeenschappelijke delen", "Epc" },
                    { new Guid("6f2d0000-0000-4000-8000-000000000013"), true, null, 2001, null, null, null, "AsbestosExpert", null, null, null, 120, null, "Flanders", "Materialendecreet 23.12.2011, VLAREMA hfst. 4.4: asbestinventarisattest gemeenschappelijke delen (bouwjaar < 2001)", "Asbestos" },
                    { new Guid("6f2d0000-0000-4000-8000-000000000014"), true, null, null, null, "FuelTank", null, "CertifiedTechnician", null, null, null, 60, "Underground", "Flanders", "VLAREM II, 5.17 en 6.5: ondergrondse stookolietank (3 jaar in een beschermingszone: aan te passen)", "FuelTank" },
                    { new Guid("6f2d0000-0000-4000-8000-000000000015"), true, null, null, null, "FuelTank", null, "CertifiedTechnician", null, 5000, null, 120, "AboveGround", "Flanders", "VLAREM II, 5.17 en 6.5: bovengrondse stookolietank ≥ 5.000 l", "FuelTank" }
                });

            migrationBuilder.CreateIndex(
                name: "ix_equipment_building_id",
                table: "equipment",
                column: "building_id");

            migrationBuilder.CreateIndex(
                name: "ix_inspections_building_id_equipment_id_type",
                table: "inspections",
                columns: new[] { "building_id", "equipment_id", "type" });

            migrationBuilder.CreateIndex(
                name: "ix_inspections_certificate_file_id",
                table: "inspections",
                column: "certificate_file_id");

            migrationBuilder.CreateIndex(
                name: "ix_inspections_due_on",
                table: "inspections",
                column: "due_on",
                filter: "NOT superseded AND due_on IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_inspections_equipment_id",
                table: "inspections",
                column: "equipment_id");

            migrationBuilder.CreateIndex(
                name: "ix_inspections_rule_id",
                table: "inspections",
                column: "rule_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inspection_alerts");

            migrationBuilder.DropTable(
                name: "inspections");

            migrationBuilder.DropTable(
                name: "equipment");

            migrationBuilder.DropTable(
                name: "inspection_rules");
        }
    }
}
