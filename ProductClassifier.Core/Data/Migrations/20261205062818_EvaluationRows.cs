using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProductClassifier.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class EvaluationRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "category_scores",
                columns: table => new
                {
                    model_version_id = table.Column<int>(type: "integer", nullable: false),
                    set = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    category_id = table.Column<int>(type: "integer", nullable: false),
                    support = table.Column<int>(type: "integer", nullable: false),
                    precision = table.Column<double>(type: "double precision", nullable: false),
                    recall = table.Column<double>(type: "double precision", nullable: false),
                    f1 = table.Column<double>(type: "double precision", nullable: false),
                    average_precision = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_category_scores", x => new { x.model_version_id, x.set, x.category_id });
                    table.ForeignKey(
                        name: "fk_category_scores_categories_category_id",
                        column: x => x.category_id,
                        principalTable: "categories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_category_scores_model_versions_model_version_id",
                        column: x => x.model_version_id,
                        principalTable: "model_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "level_scores",
                columns: table => new
                {
                    model_version_id = table.Column<int>(type: "integer", nullable: false),
                    set = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    level = table.Column<int>(type: "integer", nullable: false),
                    macro_f1 = table.Column<double>(type: "double precision", nullable: false),
                    micro_f1 = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_level_scores", x => new { x.model_version_id, x.set, x.level });
                    table.ForeignKey(
                        name: "fk_level_scores_model_versions_model_version_id",
                        column: x => x.model_version_id,
                        principalTable: "model_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "model_evaluations",
                columns: table => new
                {
                    model_version_id = table.Column<int>(type: "integer", nullable: false),
                    metrics = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_model_evaluations", x => x.model_version_id);
                    table.ForeignKey(
                        name: "fk_model_evaluations_model_versions_model_version_id",
                        column: x => x.model_version_id,
                        principalTable: "model_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_category_scores_category_id",
                table: "category_scores",
                column: "category_id");

            // Every version's evaluation moves out of its row whole; the served ensemble's results on the two test sets are
            // also taken out into rows, as StoredEvaluation.StoreAsync does for new ones. A figure that is not a number, or a
            // category the catalogue no longer has, gets no row; the JSON keeps everything.
            migrationBuilder.Sql("""
                INSERT INTO model_evaluations (model_version_id, metrics) SELECT id, metrics FROM model_versions;

                CREATE TEMP TABLE served_sets AS
                SELECT v.id AS version_id, v.catalogue_id, s.key AS set, s.value AS result
                FROM model_versions v
                CROSS JOIN LATERAL (
                    SELECT m FROM jsonb_array_elements(CASE WHEN jsonb_typeof(v.metrics -> 'models') = 'array' THEN v.metrics -> 'models' ELSE '[]'::jsonb END) m
                    WHERE jsonb_typeof(m) = 'object' AND m ->> 'model' = 'ensemble' LIMIT 1) served
                CROSS JOIN LATERAL jsonb_each(CASE WHEN jsonb_typeof(served.m -> 'sets') = 'object' THEN served.m -> 'sets' ELSE '{}'::jsonb END) s
                WHERE s.key IN ('groundTruth', 'ruleTest') AND jsonb_typeof(s.value) = 'object';

                INSERT INTO category_scores (model_version_id, set, category_id, support, precision, recall, f1, average_precision)
                SELECT s.version_id, s.set, c.id, (e ->> 'support')::int, (e ->> 'precision')::float8, (e ->> 'recall')::float8,
                       (e ->> 'f1')::float8, (e ->> 'averagePrecision')::float8
                FROM served_sets s
                CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(s.result -> 'categories') = 'array' THEN s.result -> 'categories' ELSE '[]'::jsonb END) e
                JOIN categories c ON c.catalogue_id = s.catalogue_id AND c.path = e ->> 'category'
                WHERE jsonb_typeof(e -> 'support') = 'number' AND jsonb_typeof(e -> 'precision') = 'number' AND jsonb_typeof(e -> 'recall') = 'number'
                  AND jsonb_typeof(e -> 'f1') = 'number' AND jsonb_typeof(e -> 'averagePrecision') = 'number'
                ON CONFLICT DO NOTHING;

                INSERT INTO level_scores (model_version_id, set, level, macro_f1, micro_f1)
                SELECT version_id, set, 0, (result ->> 'macroF1')::float8, (result ->> 'microF1')::float8 FROM served_sets
                WHERE jsonb_typeof(result -> 'macroF1') = 'number' AND jsonb_typeof(result -> 'microF1') = 'number';

                INSERT INTO level_scores (model_version_id, set, level, macro_f1, micro_f1)
                SELECT s.version_id, s.set, (l ->> 'level')::int, (l ->> 'macroF1')::float8, (l ->> 'microF1')::float8
                FROM served_sets s
                CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(s.result -> 'levels') = 'array' THEN s.result -> 'levels' ELSE '[]'::jsonb END) l
                WHERE jsonb_typeof(l -> 'level') = 'number' AND jsonb_typeof(l -> 'macroF1') = 'number' AND jsonb_typeof(l -> 'microF1') = 'number'
                  AND (l ->> 'level')::int <> 0
                ON CONFLICT DO NOTHING;

                DROP TABLE served_sets;
                """);

            migrationBuilder.DropColumn(
                name: "metrics",
                table: "model_versions");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "metrics",
                table: "model_versions",
                type: "jsonb",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.Sql("""
                UPDATE model_versions v SET metrics = e.metrics FROM model_evaluations e WHERE e.model_version_id = v.id
                """);

            migrationBuilder.DropTable(
                name: "category_scores");

            migrationBuilder.DropTable(
                name: "level_scores");

            migrationBuilder.DropTable(
                name: "model_evaluations");
        }
    }
}
