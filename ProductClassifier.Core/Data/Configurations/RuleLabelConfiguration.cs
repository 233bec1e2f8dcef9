using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Rules;
using ProductClassifier.Core.Taxonomy;

namespace ProductClassifier.Core.Data.Configurations;

internal sealed class RuleLabelConfiguration : IEntityTypeConfiguration<RuleLabel>
{
    public void Configure(EntityTypeBuilder<RuleLabel> builder)
    {
        builder.HasKey(l => new { l.ProductId, l.CategoryId, l.RuleId });
        builder.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Category>().WithMany().HasForeignKey(l => l.CategoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Rule>().WithMany().HasForeignKey(l => l.RuleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => l.RuleId);
        builder.HasIndex(l => l.CategoryId);
    }
}
