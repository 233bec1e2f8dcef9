using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProductClassifier.Core.Jobs;

namespace ProductClassifier.Core.Data.Configurations;

internal sealed class JobEventConfiguration : IEntityTypeConfiguration<JobEvent>
{
    public void Configure(EntityTypeBuilder<JobEvent> builder)
    {
        builder.HasOne<Job>().WithMany().HasForeignKey(e => e.JobId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.Type).HasMaxLength(32);
        builder.Property(e => e.Payload).HasColumnType("jsonb");
        builder.HasIndex(e => new { e.JobId, e.Id });
    }
}
