using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProductClassifier.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class LabellingRounds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_labelling_batches_catalogue_id_round",
                table: "labelling_batches");

            migrationBuilder.AddColumn<DateTime>(
                name: "finished_at",
                table: "labelling_batches",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "picked_with_version_id",
                table: "labelling_batches",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "result_version_id",
                table: "labelling_batches",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "strategy",
                table: "labelling_batches",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "batch_items",
                columns: table => new
                {
                    batch_id = table.Column<long>(type: "bigint", nullable: false),
                    product_id = table.Column<long>(type: "bigint", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    inclusion_probability = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_batch_items", x => new { x.batch_id, x.product_id });
                    table.ForeignKey(
                        name: "fk_batch_items_labelling_batches_batch_id",
                        column: x => x.batch_id,
                        principalTable: "labelling_batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_batch_items_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_labelling_batches_catalogue_id_round",
                table: "labelling_batches",
                columns: new[] { "catalogue_id", "round" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_labelling_batches_picked_with_version_id",
                table: "labelling_batches",
                column: "picked_with_version_id");

            migrationBuilder.CreateIndex(
                name: "ix_labelling_batches_result_version_id",
                table: "labelling_batches",
                column: "result_version_id");

            migrationBuilder.CreateIndex(
                name: "ix_batch_items_product_id",
                table: "batch_items",
                column: "product_id");

            migrationBuilder.AddForeignKey(
                name: "fk_labelling_batches_model_versions_picked_with_version_id",
                table: "labelling_batches",
                column: "picked_with_version_id",
                principalTable: "model_versions",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "fk_labelling_batches_model_versions_result_version_id",
                table: "labelling_batches",
                column: "result_version_id",
                principalTable: "model_versions",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_labelling_batches_model_versions_picked_with_version_id",
                table: "labelling_batches");

            migrationBuilder.DropForeignKey(
                name: "fk_labelling_batches_model_versions_result_version_id",
                table: "labelling_batches");

            migrationBuilder.DropTable(
                name: "batch_items");

            migrationBuilder.DropIndex(
                name: "ix_labelling_batches_catalogue_id_round",
                table: "labelling_batches");

            migrationBuilder.DropIndex(
                name: "ix_labelling_batches_picked_with_version_id",
                table: "labelling_batches");

            migrationBuilder.DropIndex(
                name: "ix_labelling_batches_result_version_id",
                table: "labelling_batches");

            migrationBuilder.DropColumn(
                name: "finished_at",
                table: "labelling_batches");

            migrationBuilder.DropColumn(
                name: "picked_with_version_id",
                table: "labelling_batches");

            migrationBuilder.DropColumn(
                name: "result_version_id",
                table: "labelling_batches");

            migrationBuilder.DropColumn(
                name: "strategy",
                table: "labelling_batches");

            migrationBuilder.CreateIndex(
                name: "ix_labelling_batches_catalogue_id_round",
                table: "labelling_batches",
                columns: new[] { "catalogue_id", "round" });
        }
    }
}
