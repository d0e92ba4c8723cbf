using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Connections.Infrastructure.Persistence.Migrations.Sqlite
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
                    id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    secret_hash = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    revoked_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "connections",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    platform = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    name_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    owner_email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    protected_credentials = table.Column<string>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    sync_all_channels = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    last_validated_at = table.Column<long>(type: "INTEGER", nullable: true),
                    last_sync_at = table.Column<long>(type: "INTEGER", nullable: true),
                    last_error_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    last_error_message = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    last_error_at = table.Column<long>(type: "INTEGER", nullable: true),
                    channel_count = table.Column<int>(type: "INTEGER", nullable: false),
                    version = table.Column<Guid>(type: "TEXT", nullable: false),
                    graph_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    sync_interval_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    wiki_enabled = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_connections", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    friendly_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    xml = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "connection_channels",
                columns: table => new
                {
                    connection_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    channel_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    is_private = table.Column<bool>(type: "INTEGER", nullable: false),
                    member_count = table.Column<int>(type: "INTEGER", nullable: true),
                    sync_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    discovered_at = table.Column<long>(type: "INTEGER", nullable: false),
                    refreshed_at = table.Column<long>(type: "INTEGER", nullable: false)
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
                name: "ix_connections_status",
                table: "connections",
                column: "status");
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
                name: "connections");
        }
    }
}
