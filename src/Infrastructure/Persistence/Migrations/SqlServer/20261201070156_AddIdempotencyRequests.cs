using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Connections.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddIdempotencyRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "idempotency_requests",
                columns: table => new
                {
                    caller_id = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    key = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: false),
                    request_hash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    state = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    status_code = table.Column<int>(type: "int", nullable: true),
                    headers_json = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    body = table.Column<byte[]>(type: "varbinary(max)", nullable: true),
                    created_at_ms = table.Column<long>(type: "bigint", nullable: false),
                    expires_at_ms = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotency_requests", x => new { x.caller_id, x.key });
                });

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_requests_expires_at_ms",
                table: "idempotency_requests",
                column: "expires_at_ms");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "idempotency_requests");
        }
    }
}
