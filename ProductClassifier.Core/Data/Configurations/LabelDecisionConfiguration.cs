using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Labelling;

namespace ProductClassifier.Core.Data.Configurations;

internal sealed class LabelDecisionConfiguration : IEntityTypeConfiguration<LabelDecision>
{
    public void Configure(EntityTypeBuilder<LabelDecision> builder)
    {
        builder.HasOne<Product>().WithMany().HasForeignKey(d => d.ProductId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<LabellingBatch>().WithMany().HasForeignKey(d => d.BatchId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(d => d.Labeller).HasMaxLength(256);
        builder.HasIndex(d => new { d.ProductId, d.DecidedAt });
    }
}
