using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KoproGo.Data.Migrations
{
    /// <inheritdoc />
    public partial class SecurityReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_invitations_owner_id",
                table: "invitations");

            migrationBuilder.AddColumn<Guid>(
                name: "about_owner_id",
                table: "outbox_emails",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "about_user_id",
                table: "outbox_emails",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "contains_secret",
                table: "outbox_emails",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "recipient_owner_id",
                table: "outbox_emails",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "recipient_user_id",
                table: "outbox_emails",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "about_owner_id",
                table: "notifications",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "about_user_id",
                table: "notifications",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "audience",
                table: "files",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "Owners");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "totp_pending_since",
                table: "AspNetUsers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "email_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<string>(type: "text", nullable: false),
                    new_email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    requested_by_user_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    confirmed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cancelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_email_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_email_changes_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "role_invitations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<string>(type: "text", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    building_id = table.Column<Guid>(type: "uuid", nullable: true),
                    role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    invited_by_user_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    accepted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    declined_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_role_invitations", x => x.id);
                    table.ForeignKey(
                        name: "fk_role_invitations_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_role_invitations_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_role_invitations_owners_owner_id",
                        column: x => x.owner_id,
                        principalTable: "owners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_emails_recipient_owner_id",
                table: "outbox_emails",
                column: "recipient_owner_id",
                filter: "recipient_owner_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_emails_recipient_user_id",
                table: "outbox_emails",
                column: "recipient_user_id",
                filter: "recipient_user_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_emails_sent_at",
                table: "outbox_emails",
                column: "sent_at",
                filter: "sent_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_about_owner_id",
                table: "notifications",
                column: "about_owner_id",
                filter: "about_owner_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_about_user_id",
                table: "notifications",
                column: "about_user_id",
                filter: "about_user_id IS NOT NULL");

            // only the latest unanswered invitation of an owner stays open (older, expired ones are closed first)
            migrationBuilder.Sql("""
                UPDATE invitations i SET revoked_at = now()
                 WHERE accepted_at IS NULL AND revoked_at IS NULL
                   AND EXISTS (SELECT 1 FROM invitations j WHERE j.owner_id = i.owner_id AND j.accepted_at IS NULL AND j.revoked_at IS NULL
                                                             AND (j.created_at, j.id) > (i.created_at, i.id));
                """);
            migrationBuilder.CreateIndex(
                name: "ix_invitations_owner_id",
                table: "invitations",
                column: "owner_id",
                unique: true,
                filter: "accepted_at IS NULL AND revoked_at IS NULL");

            // mails written before this change: links with a token are marked, and removed from those already delivered
            migrationBuilder.Sql("""
                UPDATE outbox_emails SET contains_secret = true WHERE text_body ~* 'https?://\S*[?&](token|code)=';
                UPDATE outbox_emails SET text_body = regexp_replace(text_body, 'https?://\S*[?&](token|code)=\S*', '[…]', 'gi')
                 WHERE contains_secret AND sent_at IS NOT NULL;
                """);

            migrationBuilder.CreateIndex(
                name: "ix_email_changes_token_hash",
                table: "email_changes",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_email_changes_user_id",
                table: "email_changes",
                column: "user_id",
                unique: true,
                filter: "confirmed_at IS NULL AND cancelled_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_role_invitations_organisation_id",
                table: "role_invitations",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_role_invitations_owner_id",
                table: "role_invitations",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "ix_role_invitations_user_id_organisation_id_role_building_id_o",
                table: "role_invitations",
                columns: new[] { "user_id", "organisation_id", "role", "building_id", "owner_id" },
                unique: true,
                filter: "accepted_at IS NULL AND declined_at IS NULL AND revoked_at IS NULL")
                .Annotation("Npgsql:NullsDistinct", false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "email_changes");

            migrationBuilder.DropTable(
                name: "role_invitations");

            migrationBuilder.DropIndex(
                name: "ix_outbox_emails_recipient_owner_id",
                table: "outbox_emails");

            migrationBuilder.DropIndex(
                name: "ix_outbox_emails_recipient_user_id",
                table: "outbox_emails");

            migrationBuilder.DropIndex(
                name: "ix_outbox_emails_sent_at",
                table: "outbox_emails");

            migrationBuilder.DropIndex(
                name: "ix_notifications_about_owner_id",
                table: "notifications");

            migrationBuilder.DropIndex(
                name: "ix_notifications_about_user_id",
                table: "notifications");

            migrationBuilder.DropIndex(
                name: "ix_invitations_owner_id",
                table: "invitations");

            migrationBuilder.DropColumn(
                name: "about_owner_id",
                table: "outbox_emails");

            migrationBuilder.DropColumn(
                name: "about_user_id",
                table: "outbox_emails");

            migrationBuilder.DropColumn(
                name: "contains_secret",
                table: "outbox_emails");

            migrationBuilder.DropColumn(
                name: "recipient_owner_id",
                table: "outbox_emails");

            migrationBuilder.DropColumn(
                name: "recipient_user_id",
                table: "outbox_emails");

            migrationBuilder.DropColumn(
                name: "about_owner_id",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "about_user_id",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "audience",
                table: "files");

            migrationBuilder.DropColumn(
                name: "totp_pending_since",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "ix_invitations_owner_id",
                table: "invitations",
                column: "owner_id");
        }
    }
}
