using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShoppingConnectivity.Central.Data.Migrations
{
    /// <inheritdoc />
    public partial class EdgeTransitions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EdgeTransitions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FlowId = table.Column<string>(type: "TEXT", nullable: false),
                    FromColour = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    ToColour = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Links = table.Column<int>(type: "INTEGER", nullable: false),
                    Counts = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    FailingLinks = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EdgeTransitions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EdgeTransitions_At",
                table: "EdgeTransitions",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_EdgeTransitions_FlowId_At",
                table: "EdgeTransitions",
                columns: new[] { "FlowId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EdgeTransitions");
        }
    }
}
