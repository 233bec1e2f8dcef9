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
        builder.HasIndex(a => new { a.BatchId, a.ProductId, a.Slot }).IsUnique();
        // The database itself refuses one labeller on two slots of an item, whatever the code does (nulls are distinct).
        builder.HasIndex(a => new { a.BatchId, a.ProductId, a.Labeller }).IsUnique();
        // Claims walk the undecided slots in position order; decided ones (most of a batch, soon) are not in the index.
        builder.HasIndex(a => new { a.BatchId, a.Position, a.Slot }).HasFilter("decided_at IS NULL")
            .HasDatabaseName("ix_assignments_undecided_in_order");
        builder.HasIndex(a => new { a.BatchId, a.Labeller, a.DecidedAt });
    }
}
