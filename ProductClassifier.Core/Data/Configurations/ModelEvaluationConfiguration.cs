using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProductClassifier.Core.ModelVersions;

namespace ProductClassifier.Core.Data.Configurations;

internal sealed class ModelEvaluationConfiguration : IEntityTypeConfiguration<ModelEvaluation>
{
    public void Configure(EntityTypeBuilder<ModelEvaluation> builder)
    {
        builder.HasKey(e => e.ModelVersionId);
        builder.HasOne<ModelVersion>().WithOne().HasForeignKey<ModelEvaluation>(e => e.ModelVersionId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.Metrics).HasColumnType("jsonb");
    }
}
