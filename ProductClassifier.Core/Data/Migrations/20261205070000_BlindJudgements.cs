using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ProductClassifier.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class BlindJudgements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "blind_judgements",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    query_product_id = table.Column<long>(type: "bigint", nullable: false),
                    neighbour_product_id = table.Column<long>(type: "bigint", nullable: false),
                    category_id = table.Column<int>(type: "integer", nullable: true),
                    team = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    shown_rank = table.Column<int>(type: "integer", nullable: false),
                    pretrained_rank = table.Column<int>(type: "integer", nullable: true),
                    learned_rank = table.Column<int>(type: "integer", nullable: true),
                    is_similar = table.Column<bool>(type: "boolean", nullable: false),
                    judge = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    judged_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_blind_judgements", x => x.id);
                    table.CheckConstraint("ck_blind_judgements_ranks", "shown_rank >= 1 AND coalesce(pretrained_rank, 1) >= 1 AND coalesce(learned_rank, 1) >= 1");
                    table.CheckConstraint("ck_blind_judgements_team", "(team = 'Pretrained' AND pretrained_rank IS NOT NULL) OR (team = 'Learned' AND learned_rank IS NOT NULL)");
                    table.ForeignKey(
                        name: "fk_blind_judgements_categories_category_id",
                        column: x => x.category_id,
                        principalTable: "categories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_blind_judgements_products_neighbour_product_id",
                        column: x => x.neighbour_product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_blind_judgements_products_query_product_id",
                        column: x => x.query_product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_blind_judgements_category_id",
                table: "blind_judgements",
                column: "category_id");

            migrationBuilder.CreateIndex(
                name: "ix_blind_judgements_neighbour_product_id",
                table: "blind_judgements",
                column: "neighbour_product_id");

            migrationBuilder.CreateIndex(
                name: "ix_blind_judgements_query_product_id_neighbour_product_id_judge",
                table: "blind_judgements",
                columns: new[] { "query_product_id", "neighbour_product_id", "judge" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "blind_judgements");
        }
    }
}
