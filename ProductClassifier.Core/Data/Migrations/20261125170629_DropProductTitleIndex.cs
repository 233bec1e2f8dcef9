using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProductClassifier.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class DropProductTitleIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_products_catalogue_id_title",
                table: "products");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_products_catalogue_id_title",
                table: "products",
                columns: new[] { "catalogue_id", "title" });
        }
    }
}
