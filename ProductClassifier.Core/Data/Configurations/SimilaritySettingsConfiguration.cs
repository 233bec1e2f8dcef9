using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Similarity;

namespace ProductClassifier.Core.Data.Configurations;

internal sealed class SimilaritySettingsConfiguration : IEntityTypeConfiguration<SimilaritySettings>
{
    public void Configure(EntityTypeBuilder<SimilaritySettings> builder)
    {
        builder.ToTable("similarity_settings");
        builder.HasKey(s => s.CatalogueId);
        builder.HasOne<Catalogue>().WithOne().HasForeignKey<SimilaritySettings>(s => s.CatalogueId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.Embedding).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.ServedEmbedding).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.ChosenBy).HasMaxLength(256);
    }
}
