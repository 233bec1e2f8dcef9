using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProductClassifier.Core.ModelVersions;

namespace ProductClassifier.Core.Data.Configurations;

internal sealed class LevelScoreConfiguration : IEntityTypeConfiguration<LevelScore>
{
    public void Configure(EntityTypeBuilder<LevelScore> builder)
    {
        builder.HasKey(s => new { s.ModelVersionId, s.Set, s.Level });
        builder.Property(s => s.Set).HasMaxLength(32);
        builder.HasOne<ModelVersion>().WithMany().HasForeignKey(s => s.ModelVersionId).OnDelete(DeleteBehavior.Cascade);
    }
}
