using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShoppingConnectivity.Central.Data.Migrations
{
    /// <inheritdoc />
    public partial class PendingEnrolments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PendingEnrolments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgentId = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    HostName = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Verdict = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    KeyName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Version = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ReportedRoles = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PendingEnrolments", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PendingEnrolments_Address",
                table: "PendingEnrolments",
                column: "Address");

            migrationBuilder.CreateIndex(
                name: "IX_PendingEnrolments_AgentId",
                table: "PendingEnrolments",
                column: "AgentId");

            migrationBuilder.CreateIndex(
                name: "IX_PendingEnrolments_TokenHash",
                table: "PendingEnrolments",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PendingEnrolments");
        }
    }
}
