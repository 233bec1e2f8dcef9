using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProductClassifier.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ModelVersionReservation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "last_model_version",
                table: "catalogues",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Existing catalogues continue after their highest version, so no number is handed out twice.
            migrationBuilder.Sql("""
                UPDATE catalogues c SET last_model_version = coalesce((SELECT max(number) FROM model_versions v WHERE v.catalogue_id = c.id), 0)
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "last_model_version",
                table: "catalogues");
        }
    }
}
