using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProductClassifier.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class TestPredictions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "human_labels",
                table: "model_versions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "rule_labels",
                table: "model_versions",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "test_predictions",
                columns: table => new
                {
                    model_version_id = table.Column<int>(type: "integer", nullable: false),
                    category_id = table.Column<int>(type: "integer", nullable: false),
                    product_id = table.Column<long>(type: "bigint", nullable: false),
                    probability = table.Column<float>(type: "real", nullable: false),
                    predicted = table.Column<bool>(type: "boolean", nullable: false),
                    ground_truth = table.Column<bool>(type: "boolean", nullable: true),
                    rule_label = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_test_predictions", x => new { x.model_version_id, x.category_id, x.product_id });
                    table.ForeignKey(
                        name: "fk_test_predictions_categories_category_id",
                        column: x => x.category_id,
                        principalTable: "categories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_test_predictions_model_versions_model_version_id",
                        column: x => x.model_version_id,
                        principalTable: "model_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_test_predictions_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_test_predictions_category_id",
                table: "test_predictions",
                column: "category_id");

            migrationBuilder.CreateIndex(
                name: "ix_test_predictions_product_id",
                table: "test_predictions",
                column: "product_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "test_predictions");

            migrationBuilder.DropColumn(
                name: "human_labels",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "rule_labels",
                table: "model_versions");
        }
    }
}
