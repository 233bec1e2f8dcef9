using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProductClassifier.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class RoundsInTheApp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "overlap_fraction",
                table: "labelling_batches",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "seed",
                table: "labelling_batches",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "round_settings",
                columns: table => new
                {
                    catalogue_id = table.Column<int>(type: "integer", nullable: false),
                    auto_continue = table.Column<bool>(type: "boolean", nullable: false),
                    strategy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    batch_size = table.Column<int>(type: "integer", nullable: false),
                    overlap_fraction = table.Column<double>(type: "double precision", nullable: false),
                    seed = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_round_settings", x => x.catalogue_id);
                    table.CheckConstraint("ck_round_settings_batch_size", "batch_size >= 1");
                    table.CheckConstraint("ck_round_settings_overlap_fraction", "overlap_fraction >= 0 AND overlap_fraction <= 1");
                    table.ForeignKey(
                        name: "fk_round_settings_catalogues_catalogue_id",
                        column: x => x.catalogue_id,
                        principalTable: "catalogues",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_labelling_batches_overlap_fraction",
                table: "labelling_batches",
                sql: "overlap_fraction >= 0 AND overlap_fraction <= 1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "round_settings");

            migrationBuilder.DropCheckConstraint(
                name: "ck_labelling_batches_overlap_fraction",
                table: "labelling_batches");

            migrationBuilder.DropColumn(
                name: "overlap_fraction",
                table: "labelling_batches");

            migrationBuilder.DropColumn(
                name: "seed",
                table: "labelling_batches");
        }
    }
}
