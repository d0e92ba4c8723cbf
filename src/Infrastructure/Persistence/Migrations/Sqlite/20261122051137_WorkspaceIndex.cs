using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Connections.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WorkspaceIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_connections_platform_workspace_id",
                table: "connections",
                columns: new[] { "platform", "workspace_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_connections_platform_workspace_id",
                table: "connections");
        }
    }
}
