using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Jobs;

namespace ProductClassifier.Core.Data.Configurations;

internal sealed class JobConfiguration : IEntityTypeConfiguration<Job>
{
    public void Configure(EntityTypeBuilder<Job> builder)
    {
        builder.HasOne<Catalogue>().WithMany().HasForeignKey(j => j.CatalogueId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(j => j.Kind).HasMaxLength(64);
        builder.Property(j => j.Parameters).HasColumnType("jsonb");
        builder.Property(j => j.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(j => j.WorkerId).HasMaxLength(200);
        // Workers look for the oldest queued job; the partial index keeps that cheap however long the history grows.
        builder.HasIndex(j => j.CreatedAt).HasFilter("status = 'Queued'").HasDatabaseName("ix_jobs_queued");
        builder.HasIndex(j => new { j.CatalogueId, j.CreatedAt });
    }
}
