using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Labelling;

namespace ProductClassifier.Core.Data.Configurations;

internal sealed class LabellingBatchConfiguration : IEntityTypeConfiguration<LabellingBatch>
{
    public void Configure(EntityTypeBuilder<LabellingBatch> builder)
    {
        builder.HasOne<Catalogue>().WithMany().HasForeignKey(b => b.CatalogueId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(b => new { b.CatalogueId, b.Round });
    }
}
