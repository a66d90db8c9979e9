using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AbovePT.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialAppointments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AppointmentRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SubmissionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LocationId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ReceivedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FirstName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    LastName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    ContactMethod = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PatientType = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    PreferredDays = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PreferredTimes = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    EarliestDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Referral = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Insurance = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ConsentVersion = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ConsentedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SourceArticle = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    FrontDeskMail_Status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    FrontDeskMail_Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    FrontDeskMail_NextAttemptAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FrontDeskMail_SentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FrontDeskMail_LastError = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    PatientMail_Status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    PatientMail_Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    PatientMail_NextAttemptAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PatientMail_SentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PatientMail_LastError = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppointmentRequests", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AppointmentRequests_FrontDeskMail_Status_FrontDeskMail_NextAttemptAtUtc",
                table: "AppointmentRequests",
                columns: new[] { "FrontDeskMail_Status", "FrontDeskMail_NextAttemptAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_AppointmentRequests_PatientMail_Status_PatientMail_NextAttemptAtUtc",
                table: "AppointmentRequests",
                columns: new[] { "PatientMail_Status", "PatientMail_NextAttemptAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_AppointmentRequests_ReceivedAtUtc",
                table: "AppointmentRequests",
                column: "ReceivedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_AppointmentRequests_Reference",
                table: "AppointmentRequests",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AppointmentRequests_SubmissionId",
                table: "AppointmentRequests",
                column: "SubmissionId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AppointmentRequests");
        }
    }
}
