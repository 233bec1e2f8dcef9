using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Similarity;

namespace ProductClassifier.Core.Data.Configurations;

internal sealed class SimilarityJudgementConfiguration : IEntityTypeConfiguration<SimilarityJudgement>
{
    public void Configure(EntityTypeBuilder<SimilarityJudgement> builder)
    {
        builder.HasOne<Product>().WithMany().HasForeignKey(j => j.QueryProductId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Product>().WithMany().HasForeignKey(j => j.NeighbourProductId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(j => j.Judge).HasMaxLength(256);
        builder.HasIndex(j => new { j.QueryProductId, j.NeighbourProductId }).IsUnique();
        builder.HasIndex(j => j.NeighbourProductId);
        builder.ToTable(t => t.HasCheckConstraint("ck_similarity_judgements_rank", "rank >= 1"));
    }
}
