using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Labelling;
using ProductClassifier.Core.Taxonomy;

namespace ProductClassifier.Core.Data.Configurations;

internal sealed class ReferenceLabelConfiguration : IEntityTypeConfiguration<ReferenceLabel>
{
    public void Configure(EntityTypeBuilder<ReferenceLabel> builder)
    {
        builder.HasKey(l => new { l.ProductId, l.CategoryId });
        builder.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Category>().WithMany().HasForeignKey(l => l.CategoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => l.CategoryId);
    }
}
