using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Labelling;

namespace ProductClassifier.Core.Data.Configurations;

internal sealed class RoundSettingsConfiguration : IEntityTypeConfiguration<RoundSettings>
{
    public void Configure(EntityTypeBuilder<RoundSettings> builder)
    {
        builder.ToTable("round_settings", t =>
        {
            t.HasCheckConstraint("ck_round_settings_batch_size", "batch_size >= 1");
            t.HasCheckConstraint("ck_round_settings_overlap_fraction", "overlap_fraction >= 0 AND overlap_fraction <= 1");
        });
        builder.HasKey(s => s.CatalogueId);
        builder.HasOne<Catalogue>().WithOne().HasForeignKey<RoundSettings>(s => s.CatalogueId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.Strategy).HasMaxLength(64);
    }
}
