using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShoppingConnectivity.Central.Data.Migrations
{
    /// <inheritdoc />
    public partial class History : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "HourRollups",
                columns: table => new
                {
                    FlowId = table.Column<string>(type: "TEXT", nullable: false),
                    BucketStart = table.Column<long>(type: "INTEGER", nullable: false),
                    Reachable = table.Column<long>(type: "INTEGER", nullable: false),
                    Refused = table.Column<long>(type: "INTEGER", nullable: false),
                    TimedOut = table.Column<long>(type: "INTEGER", nullable: false),
                    DnsFailed = table.Column<long>(type: "INTEGER", nullable: false),
                    Unreachable = table.Column<long>(type: "INTEGER", nullable: false),
                    ProtocolError = table.Column<long>(type: "INTEGER", nullable: false),
                    Error = table.Column<long>(type: "INTEGER", nullable: false),
                    Degraded = table.Column<long>(type: "INTEGER", nullable: false),
                    LatencyMin = table.Column<double>(type: "REAL", nullable: true),
                    LatencyMax = table.Column<double>(type: "REAL", nullable: true),
                    LatencySum = table.Column<double>(type: "REAL", nullable: false),
                    LatencyCount = table.Column<long>(type: "INTEGER", nullable: false),
                    Histogram = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HourRollups", x => new { x.FlowId, x.BucketStart });
                });

            migrationBuilder.CreateTable(
                name: "JobCursors",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Position = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobCursors", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "MinuteRollups",
                columns: table => new
                {
                    FlowId = table.Column<string>(type: "TEXT", nullable: false),
                    BucketStart = table.Column<long>(type: "INTEGER", nullable: false),
                    Reachable = table.Column<long>(type: "INTEGER", nullable: false),
                    Refused = table.Column<long>(type: "INTEGER", nullable: false),
                    TimedOut = table.Column<long>(type: "INTEGER", nullable: false),
                    DnsFailed = table.Column<long>(type: "INTEGER", nullable: false),
                    Unreachable = table.Column<long>(type: "INTEGER", nullable: false),
                    ProtocolError = table.Column<long>(type: "INTEGER", nullable: false),
                    Error = table.Column<long>(type: "INTEGER", nullable: false),
                    Degraded = table.Column<long>(type: "INTEGER", nullable: false),
                    LatencyMin = table.Column<double>(type: "REAL", nullable: true),
                    LatencyMax = table.Column<double>(type: "REAL", nullable: true),
                    LatencySum = table.Column<double>(type: "REAL", nullable: false),
                    LatencyCount = table.Column<long>(type: "INTEGER", nullable: false),
                    Histogram = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MinuteRollups", x => new { x.FlowId, x.BucketStart });
                });

            migrationBuilder.CreateTable(
                name: "Transitions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AgentId = table.Column<string>(type: "TEXT", nullable: false),
                    ProbeId = table.Column<string>(type: "TEXT", nullable: false),
                    FlowId = table.Column<string>(type: "TEXT", nullable: false),
                    TargetHost = table.Column<string>(type: "TEXT", nullable: false),
                    Port = table.Column<int>(type: "INTEGER", nullable: false),
                    FromOutcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    ToOutcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Transitions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Results_At",
                table: "Results",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_Batches_ReceivedAt",
                table: "Batches",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_HourRollups_BucketStart",
                table: "HourRollups",
                column: "BucketStart");

            migrationBuilder.CreateIndex(
                name: "IX_MinuteRollups_BucketStart",
                table: "MinuteRollups",
                column: "BucketStart");

            migrationBuilder.CreateIndex(
                name: "IX_Transitions_AgentId_ProbeId_At",
                table: "Transitions",
                columns: new[] { "AgentId", "ProbeId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Transitions_At",
                table: "Transitions",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_Transitions_FlowId_At",
                table: "Transitions",
                columns: new[] { "FlowId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HourRollups");

            migrationBuilder.DropTable(
                name: "JobCursors");

            migrationBuilder.DropTable(
                name: "MinuteRollups");

            migrationBuilder.DropTable(
                name: "Transitions");

            migrationBuilder.DropIndex(
                name: "IX_Results_At",
                table: "Results");

            migrationBuilder.DropIndex(
                name: "IX_Batches_ReceivedAt",
                table: "Batches");
        }
    }
}
