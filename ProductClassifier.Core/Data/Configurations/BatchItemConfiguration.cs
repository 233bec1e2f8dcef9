using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Labelling;

namespace ProductClassifier.Core.Data.Configurations;

internal sealed class BatchItemConfiguration : IEntityTypeConfiguration<BatchItem>
{
    public void Configure(EntityTypeBuilder<BatchItem> builder)
    {
        builder.HasKey(i => new { i.BatchId, i.ProductId });
        builder.HasOne<LabellingBatch>().WithMany().HasForeignKey(i => i.BatchId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Product>().WithMany().HasForeignKey(i => i.ProductId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => i.ProductId);
    }
}
