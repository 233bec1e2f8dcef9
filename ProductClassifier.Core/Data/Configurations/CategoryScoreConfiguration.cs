using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Core.Taxonomy;

namespace ProductClassifier.Core.Data.Configurations;

internal sealed class CategoryScoreConfiguration : IEntityTypeConfiguration<CategoryScore>
{
    public void Configure(EntityTypeBuilder<CategoryScore> builder)
    {
        // A version's rows are read together (all its categories on a page), so the version leads the key.
        builder.HasKey(s => new { s.ModelVersionId, s.Set, s.CategoryId });
        builder.Property(s => s.Set).HasMaxLength(32);
        builder.HasOne<ModelVersion>().WithMany().HasForeignKey(s => s.ModelVersionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Category>().WithMany().HasForeignKey(s => s.CategoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.CategoryId);
    }
}
