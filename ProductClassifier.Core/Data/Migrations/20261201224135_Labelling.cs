using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ProductClassifier.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Labelling : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "is_resolution",
                table: "label_decisions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "assignments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    batch_id = table.Column<long>(type: "bigint", nullable: false),
                    product_id = table.Column<long>(type: "bigint", nullable: false),
                    slot = table.Column<int>(type: "integer", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    labeller = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    leased_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    lease_expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    decided_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    skipped_by = table.Column<string[]>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assignments", x => x.id);
                    table.ForeignKey(
                        name: "fk_assignments_batch_items_batch_id_product_id",
                        columns: x => new { x.batch_id, x.product_id },
                        principalTable: "batch_items",
                        principalColumns: new[] { "batch_id", "product_id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_assignments_batch_id_labeller_decided_at",
                table: "assignments",
                columns: new[] { "batch_id", "labeller", "decided_at" });

            migrationBuilder.CreateIndex(
                name: "ix_assignments_batch_id_product_id_labeller",
                table: "assignments",
                columns: new[] { "batch_id", "product_id", "labeller" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_assignments_batch_id_product_id_slot",
                table: "assignments",
                columns: new[] { "batch_id", "product_id", "slot" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_assignments_undecided_in_order",
                table: "assignments",
                columns: new[] { "batch_id", "position", "slot" },
                filter: "decided_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "assignments");

            migrationBuilder.DropColumn(
                name: "is_resolution",
                table: "label_decisions");
        }
    }
}
