using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Connections.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class WebhookRoutingByCreation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_connections_platform_updated_at",
                table: "connections");

            migrationBuilder.DropIndex(
                name: "ix_connections_platform_workspace_id_updated_at",
                table: "connections");

            migrationBuilder.CreateIndex(
                name: "ix_connections_platform_id",
                table: "connections",
                columns: new[] { "platform", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_connections_platform_workspace_id_id",
                table: "connections",
                columns: new[] { "platform", "workspace_id", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_connections_platform_id",
                table: "connections");

            migrationBuilder.DropIndex(
                name: "ix_connections_platform_workspace_id_id",
                table: "connections");

            migrationBuilder.CreateIndex(
                name: "ix_connections_platform_updated_at",
                table: "connections",
                columns: new[] { "platform", "updated_at" });

            migrationBuilder.CreateIndex(
                name: "ix_connections_platform_workspace_id_updated_at",
                table: "connections",
                columns: new[] { "platform", "workspace_id", "updated_at" });
        }
    }
}
