using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Connections.Infrastructure.Persistence.Migrations.Sqlite
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
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    workspace_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    team_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    actor_role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    changed_fields = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    occurred_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_slack_workspace_audit", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "slack_workspaces",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    team_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    team_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    app_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    app_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    bot_user_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    protected_bot_token = table.Column<string>(type: "TEXT", nullable: false),
                    protected_app_token = table.Column<string>(type: "TEXT", nullable: false),
                    protected_signing_secret = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<Guid>(type: "TEXT", nullable: false)
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
