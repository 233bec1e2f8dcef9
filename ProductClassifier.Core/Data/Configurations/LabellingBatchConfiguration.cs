using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Labelling;
using ProductClassifier.Core.ModelVersions;

namespace ProductClassifier.Core.Data.Configurations;

internal sealed class LabellingBatchConfiguration : IEntityTypeConfiguration<LabellingBatch>
{
    public void Configure(EntityTypeBuilder<LabellingBatch> builder)
    {
        builder.HasOne<Catalogue>().WithMany().HasForeignKey(b => b.CatalogueId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(b => new { b.CatalogueId, b.Round }).IsUnique();
        builder.HasOne<ModelVersion>().WithMany().HasForeignKey(b => b.PickedWithVersionId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<ModelVersion>().WithMany().HasForeignKey(b => b.ResultVersionId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(b => b.Strategy).HasMaxLength(64);
        builder.ToTable(t => t.HasCheckConstraint("ck_labelling_batches_overlap_fraction", "overlap_fraction >= 0 AND overlap_fraction <= 1"));
        builder.Ignore(b => b.IsOpen);
    }
}
