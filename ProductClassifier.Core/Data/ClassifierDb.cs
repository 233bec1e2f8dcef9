using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Access;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Core.Labelling;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Core.Rules;
using ProductClassifier.Core.Similarity;
using ProductClassifier.Core.Taxonomy;

namespace ProductClassifier.Core.Data;

/// <summary>The one database: catalogues and everything that belongs to them, and the people who sign in (ASP.NET Core Identity).</summary>
public sealed class ClassifierDb(DbContextOptions<ClassifierDb> options) : IdentityDbContext<IdentityUser>(options)
{
    public DbSet<Catalogue> Catalogues => Set<Catalogue>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Rule> Rules => Set<Rule>();
    public DbSet<RuleLabel> RuleLabels => Set<RuleLabel>();
    public DbSet<ReferenceLabel> ReferenceLabels => Set<ReferenceLabel>();
    public DbSet<LabelDecision> LabelDecisions => Set<LabelDecision>();
    public DbSet<LabellingBatch> LabellingBatches => Set<LabellingBatch>();
    public DbSet<BatchItem> BatchItems => Set<BatchItem>();
    public DbSet<RoundSettings> RoundSettings => Set<RoundSettings>();
    public DbSet<Assignment> Assignments => Set<Assignment>();
    public DbSet<ModelVersion> ModelVersions => Set<ModelVersion>();
    public DbSet<ModelEvaluation> ModelEvaluations => Set<ModelEvaluation>();
    public DbSet<CategoryScore> CategoryScores => Set<CategoryScore>();
    public DbSet<LevelScore> LevelScores => Set<LevelScore>();
    public DbSet<Prediction> Predictions => Set<Prediction>();
    public DbSet<TestPrediction> TestPredictions => Set<TestPrediction>();
    public DbSet<Job> Jobs => Set<Job>();
    public DbSet<JobEvent> JobEvents => Set<JobEvent>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<ProductEmbedding> ProductEmbeddings => Set<ProductEmbedding>();
    public DbSet<SimilarityJudgement> SimilarityJudgements => Set<SimilarityJudgement>();
    public DbSet<SimilaritySettings> SimilaritySettings => Set<SimilaritySettings>();
    public DbSet<BlindJudgement> BlindJudgements => Set<BlindJudgement>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ClassifierDb).Assembly);
    }
}
