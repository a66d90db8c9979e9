using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AbovePT.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class RequestLanguage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "AppointmentRequests",
                type: "TEXT",
                maxLength: 8,
                nullable: false,
                defaultValue: "en");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Language",
                table: "AppointmentRequests");
        }
    }
}
