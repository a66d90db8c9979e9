using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AbovePT.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class MailDeliveryAttempts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "FrontDeskMail_LastAttemptAtUtc",
                table: "AppointmentRequests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PatientMail_LastAttemptAtUtc",
                table: "AppointmentRequests",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FrontDeskMail_LastAttemptAtUtc",
                table: "AppointmentRequests");

            migrationBuilder.DropColumn(
                name: "PatientMail_LastAttemptAtUtc",
                table: "AppointmentRequests");
        }
    }
}
