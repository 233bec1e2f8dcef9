using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Core.Taxonomy;

namespace ProductClassifier.Core.Data.Configurations;

internal sealed class TestPredictionConfiguration : IEntityTypeConfiguration<TestPrediction>
{
    public void Configure(EntityTypeBuilder<TestPrediction> builder)
    {
        // Read a category of a version at a time (its errors), so that is the key's order.
        builder.HasKey(p => new { p.ModelVersionId, p.CategoryId, p.ProductId });
        builder.HasOne<ModelVersion>().WithMany().HasForeignKey(p => p.ModelVersionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Category>().WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Product>().WithMany().HasForeignKey(p => p.ProductId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => p.ProductId);
    }
}
