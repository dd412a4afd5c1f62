using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShoppingConnectivity.Central.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AlertSuspect : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Suspect",
                table: "Alerts",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Suspect",
                table: "Alerts");
        }
    }
}
