using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Connections.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    id = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    email = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: false),
                    role = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    secret_hash = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "connections",
                columns: table => new
                {
                    id = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    platform = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    name_key = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    owner_email = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: false),
                    protected_credentials = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    workspace_id = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    sync_all_channels = table.Column<bool>(type: "bit", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    last_validated_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    last_sync_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    next_sync_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    last_error_code = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    last_error_message = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    last_error_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    channel_count = table.Column<int>(type: "int", nullable: false),
                    version = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    graph_enabled = table.Column<bool>(type: "bit", nullable: false),
                    sync_interval_minutes = table.Column<int>(type: "int", nullable: false),
                    wiki_enabled = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_connections", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    friendly_name = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    xml = table.Column<string>(type: "nvarchar(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "slack_workspace_audit",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    workspace_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    team_id = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    action = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    actor = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: false),
                    actor_role = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    changed_fields = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_slack_workspace_audit", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "slack_workspaces",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    team_id = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    team_name = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: false),
                    app_id = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    app_name = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: true),
                    bot_user_id = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    is_active = table.Column<bool>(type: "bit", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    created_by = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: false),
                    protected_bot_token = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    protected_app_token = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    protected_signing_secret = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_slack_workspaces", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sync_leases",
                columns: table => new
                {
                    connection_id = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    owner = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    expires_at_ms = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sync_leases", x => x.connection_id);
                });

            migrationBuilder.CreateTable(
                name: "connection_channels",
                columns: table => new
                {
                    connection_id = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    channel_id = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    is_private = table.Column<bool>(type: "bit", nullable: false),
                    member_count = table.Column<int>(type: "int", nullable: true),
                    can_read_history = table.Column<bool>(type: "bit", nullable: false),
                    sync_enabled = table.Column<bool>(type: "bit", nullable: false),
                    discovered_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    refreshed_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    sync_cursor = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    last_synced_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    sync_error_code = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    sync_pass_token = table.Column<string>(type: "nvarchar(2048)", maxLength: 2048, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_connection_channels", x => new { x.connection_id, x.channel_id });
                    table.ForeignKey(
                        name: "fk_connection_channels_connections_connection_id",
                        column: x => x.connection_id,
                        principalTable: "connections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "messages",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    connection_id = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    channel_id = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    platform_id = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    author_id = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    author_name = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    text = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    search_text = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    thread_id = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    edited_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    stored_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_messages", x => x.key);
                    table.ForeignKey(
                        name: "fk_messages_connections_connection_id",
                        column: x => x.connection_id,
                        principalTable: "connections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sync_runs",
                columns: table => new
                {
                    id = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    connection_id = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    trigger = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    queued_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    messages_fetched = table.Column<int>(type: "int", nullable: false),
                    error_code = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    error_message = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sync_runs", x => x.id);
                    table.ForeignKey(
                        name: "fk_sync_runs_connections_connection_id",
                        column: x => x.connection_id,
                        principalTable: "connections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sync_run_channels",
                columns: table => new
                {
                    run_id = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    channel_id = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    messages_fetched = table.Column<int>(type: "int", nullable: false),
                    error_code = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    error_message = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sync_run_channels", x => new { x.run_id, x.channel_id });
                    table.ForeignKey(
                        name: "fk_sync_run_channels_sync_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "sync_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_connections_owner_email_id",
                table: "connections",
                columns: new[] { "owner_email", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_connections_owner_email_platform_name_key",
                table: "connections",
                columns: new[] { "owner_email", "platform", "name_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_connections_platform_workspace_id",
                table: "connections",
                columns: new[] { "platform", "workspace_id" });

            migrationBuilder.CreateIndex(
                name: "ix_connections_status",
                table: "connections",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_messages_connection_id_channel_id_platform_id",
                table: "messages",
                columns: new[] { "connection_id", "channel_id", "platform_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_messages_connection_id_channel_id_sent_at_key",
                table: "messages",
                columns: new[] { "connection_id", "channel_id", "sent_at", "key" });

            migrationBuilder.CreateIndex(
                name: "ix_messages_connection_id_sent_at_key",
                table: "messages",
                columns: new[] { "connection_id", "sent_at", "key" });

            migrationBuilder.CreateIndex(
                name: "ix_slack_workspace_audit_team_id_id",
                table: "slack_workspace_audit",
                columns: new[] { "team_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_slack_workspaces_one_active",
                table: "slack_workspaces",
                column: "is_active",
                unique: true,
                filter: "[is_active] = 1");

            migrationBuilder.CreateIndex(
                name: "ix_slack_workspaces_team_id",
                table: "slack_workspaces",
                column: "team_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sync_runs_connection_id_id",
                table: "sync_runs",
                columns: new[] { "connection_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_sync_runs_one_active_per_connection",
                table: "sync_runs",
                column: "connection_id",
                unique: true,
                filter: "status IN ('Queued', 'Running')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "connection_channels");

            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "messages");

            migrationBuilder.DropTable(
                name: "slack_workspace_audit");

            migrationBuilder.DropTable(
                name: "slack_workspaces");

            migrationBuilder.DropTable(
                name: "sync_leases");

            migrationBuilder.DropTable(
                name: "sync_run_channels");

            migrationBuilder.DropTable(
                name: "sync_runs");

            migrationBuilder.DropTable(
                name: "connections");
        }
    }
}
