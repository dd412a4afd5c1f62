using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShoppingConnectivity.Central.Data.Migrations
{
    /// <inheritdoc />
    public partial class AgentRolesAndDegraded : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Degraded",
                table: "Results",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "Degraded",
                table: "Links",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ReportedRoles",
                table: "Agents",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Degraded",
                table: "Results");

            migrationBuilder.DropColumn(
                name: "Degraded",
                table: "Links");

            migrationBuilder.DropColumn(
                name: "ReportedRoles",
                table: "Agents");
        }
    }
}
