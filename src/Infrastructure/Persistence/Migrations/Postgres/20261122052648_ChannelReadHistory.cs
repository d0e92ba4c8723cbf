using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Connections.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ChannelReadHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "can_read_history",
                table: "connection_channels",
                type: "boolean",
                nullable: false,
                defaultValue: true); // channels discovered before this column existed were readable as far as we knew
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "can_read_history",
                table: "connection_channels");
        }
    }
}
