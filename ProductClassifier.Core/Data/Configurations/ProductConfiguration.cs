using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProductClassifier.Core.Catalog;

namespace ProductClassifier.Core.Data.Configurations;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.HasOne<Catalogue>().WithMany().HasForeignKey(p => p.CatalogueId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.CatalogueId, p.Source, p.ExternalId }).IsUnique();
        builder.Property(p => p.Attributes).HasColumnType("jsonb");
        builder.Property(p => p.Price).HasPrecision(14, 2);
        // No index on titles: the product list searches substrings (ILIKE), which a b-tree cannot serve, and each
        // index costs every ingested row (measured: the title index was a fifth of a feed's insert time).
    }
}
