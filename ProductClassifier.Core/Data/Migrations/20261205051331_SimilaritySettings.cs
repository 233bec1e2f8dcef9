using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProductClassifier.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class SimilaritySettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "similarity_settings",
                columns: table => new
                {
                    catalogue_id = table.Column<int>(type: "integer", nullable: false),
                    embedding = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    served_embedding = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    chosen_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    chosen_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    served_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_similarity_settings", x => x.catalogue_id);
                    table.ForeignKey(
                        name: "fk_similarity_settings_catalogues_catalogue_id",
                        column: x => x.catalogue_id,
                        principalTable: "catalogues",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "similarity_settings");
        }
    }
}
