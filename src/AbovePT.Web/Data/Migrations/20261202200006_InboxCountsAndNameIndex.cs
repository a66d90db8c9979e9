using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AbovePT.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class InboxCountsAndNameIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AppointmentRequests_LastNameKey",
                table: "AppointmentRequests");

            migrationBuilder.AddColumn<string>(
                name: "LocationId",
                table: "RequestFollowUps",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            // Each stored request's follow-up takes its clinic; new ones get it when saved (ClinicDbContext).
            migrationBuilder.Sql("""
                UPDATE "RequestFollowUps"
                SET "LocationId" = (SELECT "LocationId" FROM "AppointmentRequests" WHERE "Id" = "RequestFollowUps"."RequestId");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_RequestFollowUps_LocationId_Status",
                table: "RequestFollowUps",
                columns: new[] { "LocationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_AppointmentRequests_LocationId_LastNameKey",
                table: "AppointmentRequests",
                columns: new[] { "LocationId", "LastNameKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RequestFollowUps_LocationId_Status",
                table: "RequestFollowUps");

            migrationBuilder.DropIndex(
                name: "IX_AppointmentRequests_LocationId_LastNameKey",
                table: "AppointmentRequests");

            migrationBuilder.DropColumn(
                name: "LocationId",
                table: "RequestFollowUps");

            migrationBuilder.CreateIndex(
                name: "IX_AppointmentRequests_LastNameKey",
                table: "AppointmentRequests",
                column: "LastNameKey");
        }
    }
}
