using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.ModelVersions;

namespace ProductClassifier.Core.Data.Configurations;

internal sealed class ModelVersionConfiguration : IEntityTypeConfiguration<ModelVersion>
{
    public void Configure(EntityTypeBuilder<ModelVersion> builder)
    {
        builder.HasOne<Catalogue>().WithMany().HasForeignKey(v => v.CatalogueId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(v => new { v.CatalogueId, v.Number }).IsUnique();
        // At most one active version per catalogue, enforced by the database.
        builder.HasIndex(v => v.CatalogueId).IsUnique().HasFilter("is_active");
    }
}
