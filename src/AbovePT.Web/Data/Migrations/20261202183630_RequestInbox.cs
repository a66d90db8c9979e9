using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AbovePT.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class RequestInbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Reference",
                table: "StaffAudit",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastNameKey",
                table: "AppointmentRequests",
                type: "TEXT",
                maxLength: 50,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PhoneKey",
                table: "AppointmentRequests",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "RequestFollowUps",
                columns: table => new
                {
                    RequestId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    HolderEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    HolderName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ClaimedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AppointmentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CallCount = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstCallAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastCallAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequestFollowUps", x => x.RequestId);
                    table.ForeignKey(
                        name: "FK_RequestFollowUps_AppointmentRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "AppointmentRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RequestCalls",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RequestId = table.Column<int>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ByEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequestCalls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RequestCalls_RequestFollowUps_RequestId",
                        column: x => x.RequestId,
                        principalTable: "RequestFollowUps",
                        principalColumn: "RequestId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RequestNotes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RequestId = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ByEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequestNotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RequestNotes_RequestFollowUps_RequestId",
                        column: x => x.RequestId,
                        principalTable: "RequestFollowUps",
                        principalColumn: "RequestId",
                        onDelete: ReferentialAction.Cascade);
                });

            // Every request already stored starts its follow-up as New; their search keys are filled in by
            // ClinicDatabase after migrating (the name key needs .NET's Unicode folding, which SQL lacks).
            migrationBuilder.Sql(
                "INSERT INTO RequestFollowUps (RequestId, Status, CallCount, Version) SELECT Id, 'New', 0, 0 FROM AppointmentRequests;");

            migrationBuilder.CreateIndex(
                name: "IX_StaffAudit_Reference_Id",
                table: "StaffAudit",
                columns: new[] { "Reference", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AppointmentRequests_LastNameKey",
                table: "AppointmentRequests",
                column: "LastNameKey");

            migrationBuilder.CreateIndex(
                name: "IX_AppointmentRequests_LocationId_ReceivedAtUtc",
                table: "AppointmentRequests",
                columns: new[] { "LocationId", "ReceivedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_AppointmentRequests_PhoneKey",
                table: "AppointmentRequests",
                column: "PhoneKey");

            migrationBuilder.CreateIndex(
                name: "IX_RequestCalls_RequestId",
                table: "RequestCalls",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_RequestFollowUps_Status_ClosedAtUtc",
                table: "RequestFollowUps",
                columns: new[] { "Status", "ClosedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_RequestNotes_RequestId",
                table: "RequestNotes",
                column: "RequestId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RequestCalls");

            migrationBuilder.DropTable(
                name: "RequestNotes");

            migrationBuilder.DropTable(
                name: "RequestFollowUps");

            migrationBuilder.DropIndex(
                name: "IX_StaffAudit_Reference_Id",
                table: "StaffAudit");

            migrationBuilder.DropIndex(
                name: "IX_AppointmentRequests_LastNameKey",
                table: "AppointmentRequests");

            migrationBuilder.DropIndex(
                name: "IX_AppointmentRequests_LocationId_ReceivedAtUtc",
                table: "AppointmentRequests");

            migrationBuilder.DropIndex(
                name: "IX_AppointmentRequests_PhoneKey",
                table: "AppointmentRequests");

            migrationBuilder.DropColumn(
                name: "Reference",
                table: "StaffAudit");

            migrationBuilder.DropColumn(
                name: "LastNameKey",
                table: "AppointmentRequests");

            migrationBuilder.DropColumn(
                name: "PhoneKey",
                table: "AppointmentRequests");
        }
    }
}
