using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Connections.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MessageSync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "next_sync_at",
                table: "connections",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_synced_at",
                table: "connection_channels",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "sync_cursor",
                table: "connection_channels",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "sync_error_code",
                table: "connection_channels",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "messages",
                columns: table => new
                {
                    key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    connection_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    channel_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    platform_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    author_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    author_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    text = table.Column<string>(type: "text", nullable: false),
                    search_text = table.Column<string>(type: "text", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    thread_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    edited_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    stored_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                name: "sync_leases",
                columns: table => new
                {
                    connection_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    owner = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    expires_at_ms = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sync_leases", x => x.connection_id);
                });

            migrationBuilder.CreateTable(
                name: "sync_runs",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    connection_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    trigger = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    queued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    messages_fetched = table.Column<int>(type: "integer", nullable: false),
                    error_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    error_message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
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
                    run_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    channel_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    messages_fetched = table.Column<int>(type: "integer", nullable: false),
                    error_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    error_message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
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
                name: "messages");

            migrationBuilder.DropTable(
                name: "sync_leases");

            migrationBuilder.DropTable(
                name: "sync_run_channels");

            migrationBuilder.DropTable(
                name: "sync_runs");

            migrationBuilder.DropColumn(
                name: "next_sync_at",
                table: "connections");

            migrationBuilder.DropColumn(
                name: "last_synced_at",
                table: "connection_channels");

            migrationBuilder.DropColumn(
                name: "sync_cursor",
                table: "connection_channels");

            migrationBuilder.DropColumn(
                name: "sync_error_code",
                table: "connection_channels");
        }
    }
}
