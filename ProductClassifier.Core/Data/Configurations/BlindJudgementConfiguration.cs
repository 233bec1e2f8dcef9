using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Similarity;
using ProductClassifier.Core.Taxonomy;

namespace ProductClassifier.Core.Data.Configurations;

internal sealed class BlindJudgementConfiguration : IEntityTypeConfiguration<BlindJudgement>
{
    public void Configure(EntityTypeBuilder<BlindJudgement> builder)
    {
        builder.ToTable("blind_judgements", t =>
        {
            t.HasCheckConstraint("ck_blind_judgements_ranks", "shown_rank >= 1 AND coalesce(pretrained_rank, 1) >= 1 AND coalesce(learned_rank, 1) >= 1");
            // The embedding credited with a neighbour returned it.
            t.HasCheckConstraint("ck_blind_judgements_team",
                "(team = 'Pretrained' AND pretrained_rank IS NOT NULL) OR (team = 'Learned' AND learned_rank IS NOT NULL)");
        });
        builder.HasOne<Product>().WithMany().HasForeignKey(j => j.QueryProductId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Product>().WithMany().HasForeignKey(j => j.NeighbourProductId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Category>().WithMany().HasForeignKey(j => j.CategoryId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(j => j.Team).HasConversion<string>().HasMaxLength(16);
        builder.Property(j => j.Judge).HasMaxLength(256);
        builder.HasIndex(j => new { j.QueryProductId, j.NeighbourProductId, j.Judge }).IsUnique();
        builder.HasIndex(j => j.NeighbourProductId);
        builder.HasIndex(j => j.CategoryId);
    }
}
