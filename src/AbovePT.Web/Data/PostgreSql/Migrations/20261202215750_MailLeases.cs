using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AbovePT.Web.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class MailLeases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "FrontDeskMail_LeaseExpiresAtUtc",
                table: "AppointmentRequests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FrontDeskMail_LeaseOwner",
                table: "AppointmentRequests",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PatientMail_LeaseExpiresAtUtc",
                table: "AppointmentRequests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PatientMail_LeaseOwner",
                table: "AppointmentRequests",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FrontDeskMail_LeaseExpiresAtUtc",
                table: "AppointmentRequests");

            migrationBuilder.DropColumn(
                name: "FrontDeskMail_LeaseOwner",
                table: "AppointmentRequests");

            migrationBuilder.DropColumn(
                name: "PatientMail_LeaseExpiresAtUtc",
                table: "AppointmentRequests");

            migrationBuilder.DropColumn(
                name: "PatientMail_LeaseOwner",
                table: "AppointmentRequests");
        }
    }
}
