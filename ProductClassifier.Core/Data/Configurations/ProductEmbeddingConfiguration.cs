using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Similarity;

namespace ProductClassifier.Core.Data.Configurations;

internal sealed class ProductEmbeddingConfiguration : IEntityTypeConfiguration<ProductEmbedding>
{
    public void Configure(EntityTypeBuilder<ProductEmbedding> builder)
    {
        builder.HasKey(e => new { e.ProductId, e.Model });
        builder.HasOne<Product>().WithMany().HasForeignKey(e => e.ProductId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.Vector).HasColumnType("real[]");
        builder.Property(e => e.Revision).UseIdentityByDefaultColumn();
        builder.HasIndex(e => new { e.Model, e.Revision });
    }
}
