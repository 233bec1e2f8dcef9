using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProductClassifier.Core.Labelling;

namespace ProductClassifier.Core.Data.Configurations;

internal sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> builder)
    {
        builder.HasOne<BatchItem>().WithMany().HasForeignKey(a => new { a.BatchId, a.ProductId }).OnDelete(DeleteBehavior.Cascade);
        builder.Property(a => a.Labeller).HasMaxLength(256);
        // The database itself refuses a labeller twice on one item and two live holders of one slot, whatever the code does.
        builder.HasIndex(a => new { a.BatchId, a.ProductId, a.Labeller }).IsUnique();
        builder.HasIndex(a => new { a.BatchId, a.ProductId, a.Slot }).IsUnique().HasFilter("skipped_at IS NULL")
            .HasDatabaseName("ix_assignments_batch_id_product_id_slot_unskipped");
        builder.HasIndex(a => new { a.BatchId, a.Labeller, a.DecidedAt });
    }
}
