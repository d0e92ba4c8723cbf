using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Connections.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SlackWorkspaces : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "slack_workspace_audit",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    team_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    actor = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    actor_role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    changed_fields = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_slack_workspace_audit", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "slack_workspaces",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    team_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    team_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    app_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    app_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    bot_user_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    protected_bot_token = table.Column<string>(type: "text", nullable: false),
                    protected_app_token = table.Column<string>(type: "text", nullable: false),
                    protected_signing_secret = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_slack_workspaces", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_slack_workspace_audit_team_id_id",
                table: "slack_workspace_audit",
                columns: new[] { "team_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_slack_workspaces_one_active",
                table: "slack_workspaces",
                column: "is_active",
                unique: true,
                filter: "is_active");

            migrationBuilder.CreateIndex(
                name: "ix_slack_workspaces_team_id",
                table: "slack_workspaces",
                column: "team_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "slack_workspace_audit");

            migrationBuilder.DropTable(
                name: "slack_workspaces");
        }
    }
}
