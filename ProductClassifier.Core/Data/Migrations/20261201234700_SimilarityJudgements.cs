using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ProductClassifier.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class SimilarityJudgements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "similarity_judgements",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    query_product_id = table.Column<long>(type: "bigint", nullable: false),
                    neighbour_product_id = table.Column<long>(type: "bigint", nullable: false),
                    rank = table.Column<int>(type: "integer", nullable: false),
                    is_similar = table.Column<bool>(type: "boolean", nullable: false),
                    judge = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    judged_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_similarity_judgements", x => x.id);
                    table.CheckConstraint("ck_similarity_judgements_rank", "rank >= 1");
                    table.ForeignKey(
                        name: "fk_similarity_judgements_products_neighbour_product_id",
                        column: x => x.neighbour_product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_similarity_judgements_products_query_product_id",
                        column: x => x.query_product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_similarity_judgements_neighbour_product_id",
                table: "similarity_judgements",
                column: "neighbour_product_id");

            migrationBuilder.CreateIndex(
                name: "ix_similarity_judgements_query_product_id_neighbour_product_id",
                table: "similarity_judgements",
                columns: new[] { "query_product_id", "neighbour_product_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "similarity_judgements");
        }
    }
}
