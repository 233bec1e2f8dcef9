using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core;
using ProductClassifier.Core.ActiveLearning;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Features;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Core.Labelling;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Training.Learning;
using ProductClassifier.Training.Pipeline;

namespace ProductClassifier.Training.Rounds;

/// <summary>
/// Labelling rounds against the database: <see cref="OpenAsync"/> picks a batch from the pool with the active model
/// (<see cref="BatchPicker"/>, as the simulation does) and stores it with each product's inclusion probability;
/// labellers' decisions arrive as <see cref="LabelDecision"/>s; <see cref="FinishAsync"/> fine-tunes the ensemble on
/// every human label so far (<see cref="RoundTuning"/>, as the simulation does), evaluates it and activates the new
/// version. Every step reads its state from Postgres, so a round resumes after any restart.
/// </summary>
public sealed class LabellingRounds(ClassifierDb db, ModelStore models, Func<Catalogue, Task<Corpus>> loadCorpus,
    Func<Catalogue, IPretrainedFeatures?> pretrained, IMetricsSink sink)
{
    /// <summary>How each round fine-tunes: the settings <c>./pc simulate</c> measured.</summary>
    public RoundTuning Tuning { get; init; } = RoundTuning.Default;
    public AcquisitionOptions Acquisition { get; init; } = new();

    /// <summary>Development products the rounds pick from (<see cref="RoundPool"/>).</summary>
    public int Pool { get; init; } = RoundPool.DefaultSize;
    public string? Device { get; init; }

    /// <summary>The job finishing the round, when a worker does: the result is registered only while the job is still its own.</summary>
    public JobOwnership? Owner { get; init; }

    /// <summary>
    /// The catalogue's open round; a new one (batch picked and stored, the picking version's predictions written for its
    /// products, so the labelling cards show suggestions at once) when none is open.
    /// </summary>
    /// <param name="seed">The round's base seed (<see cref="RoundSeeds"/>).</param>
    /// <param name="overlapFraction">The share of items two labellers decide; null: the queue's configured share.</param>
    public async Task<LabellingBatch> OpenAsync(Catalogue catalogue, QueryStrategy strategy, int batchSize, int seed,
        CancellationToken ct, double? overlapFraction = null)
    {
        if (batchSize < 1) throw new UserFacingException($"A batch needs at least one product (asked for {batchSize}).");
        if (overlapFraction is < 0 or > 1) throw new UserFacingException($"The overlap share must lie between 0 and 1 (got {overlapFraction}).");
        if (await OpenRoundAsync(catalogue, ct) is { } open) return open;
        var version = await ModelStore.ResolveAsync(db, catalogue, null, ct);
        var (corpus, classifier, features) = await LoadAsync(catalogue, version, ct);
        using (classifier)
        {
            var round = (await db.LabellingBatches.Where(b => b.CatalogueId == catalogue.Id).MaxAsync(b => (int?)b.Round, ct) ?? 0) + 1;
            var taken = (await db.BatchItems.Where(i => db.LabellingBatches.Any(b => b.Id == i.BatchId && b.CatalogueId == catalogue.Id))
                .Select(i => i.ProductId).ToListAsync(ct)).ToHashSet();
            var candidates = RoundPool.Candidates(corpus, CorpusSplit.Of(corpus).Development, Pool)
                .Where(i => corpus.HumanLabels[i] is null && !taken.Contains(corpus.Products[i].Id)).ToArray();
            if (candidates.Length == 0) throw new UserFacingException($"Catalogue '{catalogue.Name}' has no unlabelled products left to pick.");
            var picks = BatchPicker.Pick(strategy, classifier.Ensemble, features, candidates, batchSize, Acquisition, RoundSeeds.Picking(seed, round));

            var batch = new LabellingBatch
            {
                CatalogueId = catalogue.Id,
                Strategy = strategy.ToName(),
                PickedWithVersionId = version.Id,
                Round = round,
                Seed = seed,
                OverlapFraction = overlapFraction,
            };
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                db.LabellingBatches.Add(batch);
                await db.SaveChangesAsync(ct);
                db.BatchItems.AddRange(picks.Select((p, position) => new BatchItem
                {
                    BatchId = batch.Id,
                    ProductId = corpus.Products[p.Index].Id,
                    Position = position,
                    InclusionProbability = p.InclusionProbability,
                }));
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
            await new PredictionWriter(db, catalogue, classifier, version).WriteAsync(corpus, features, [.. picks.Select(p => p.Index)], ct);
            return batch;
        }
    }

    /// <summary>
    /// Fine-tunes the model that picked the open round's batch on all human labels so far; registers and activates the
    /// result, which serves the fine-tuned members' average at the default thresholds: what the simulation measured (the
    /// meta-learner and the thresholds of the first training were fitted to the members before any round).
    /// </summary>
    public async Task<(LabellingBatch Batch, ModelVersion Version, EvaluationReport Report)> FinishAsync(Catalogue catalogue,
        CancellationToken ct)
    {
        var batch = await OpenRoundAsync(catalogue, ct)
            ?? throw new UserFacingException($"Catalogue '{catalogue.Name}' has no open labelling round: open one first.");
        var start = batch.PickedWithVersionId is { } id ? await db.ModelVersions.SingleAsync(v => v.Id == id, ct)
            : await ModelStore.ResolveAsync(db, catalogue, null, ct);
        var (corpus, classifier, features) = await LoadAsync(catalogue, start, ct);
        using (classifier)
        {
            var split = CorpusSplit.Of(corpus);
            var human = split.Development.Where(i => corpus.HumanLabels[i] is not null).ToArray();
            var batchProducts = await db.BatchItems.Where(i => i.BatchId == batch.Id).Select(i => i.ProductId).ToListAsync(ct);
            if (!human.Any(i => batchProducts.Contains(corpus.Products[i].Id)))
                throw new UserFacingException($"Round {batch.Round} of '{catalogue.Name}' has no labels yet: label its batch first.");

            var importance = await ImportanceWeightsAsync(catalogue, corpus, human, ct);
            var tuned = await Task.Run(() => Tuning.FineTune(classifier.Ensemble, corpus, features, human, importance, split.Development,
                RoundSeeds.Replay(batch.Seed, batch.Round), Device, RoundSeeds.Training(batch.Seed, batch.Round), sink, ct), ct);
            using var result = new TrainedClassifier(classifier.Transform, tuned, classifier.Categories, [], ModelEvaluator.Average);
            var report = new ModelEvaluator(corpus).Evaluate(result.PredictAll(features, split.Test), split.Test, result.Thresholds);

            var (number, folder) = await models.NextFolderAsync(db, catalogue, ct);
            try
            {
                result.Save(Path.Combine(models.Root, folder));
                var version = await RegisterAsync(catalogue, batch,
                    new VersionRegistration(number, folder, string.Join(",", result.ModelNames), report.ToJson(), start.Device)
                    {
                        HumanLabels = human.Length,
                        RuleLabels = start.RuleLabels,
                        TestPredictions = report.TestPredictions,
                        Owner = Owner,
                    }, ct);
                return (batch, version, report);
            }
            catch
            {
                models.Discard(folder);
                throw;
            }
        }
    }

    /// <summary>
    /// Registers and activates the round's version and records it as the round's result, in one transaction that first
    /// locks the round: of two finishes at once (two workers, a double click) the second changes nothing.
    /// </summary>
    private async Task<ModelVersion> RegisterAsync(Catalogue catalogue, LabellingBatch batch, VersionRegistration registration,
        CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var open = await db.Database.SqlQuery<long>($"""
            SELECT id AS "Value" FROM labelling_batches WHERE id = {batch.Id} AND result_version_id IS NULL FOR UPDATE
            """).ToListAsync(ct);
        if (open.Count == 0) throw new RoundAlreadyFinishedException(catalogue.Name, batch.Round);
        var version = await models.RegisterAsync(db, catalogue, registration, activate: true, ct);
        var finishedAt = DateTime.UtcNow;
        await db.LabellingBatches.Where(b => b.Id == batch.Id && b.ResultVersionId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.ResultVersionId, version.Id).SetProperty(b => b.FinishedAt, finishedAt), ct);
        await transaction.CommitAsync(ct);
        (batch.ResultVersionId, batch.FinishedAt) = (version.Id, finishedAt);
        return version;
    }

    private Task<LabellingBatch?> OpenRoundAsync(Catalogue catalogue, CancellationToken ct) =>
        db.LabellingBatches.OpenRound(catalogue.Id).FirstOrDefaultAsync(ct);

    /// <summary>1/π of each human-labelled product that a sampled batch picked, scaled to mean 1 over those products.</summary>
    private async Task<Dictionary<int, float>> ImportanceWeightsAsync(Catalogue catalogue, Corpus corpus, int[] human, CancellationToken ct)
    {
        var probabilities = await db.BatchItems.Where(i => db.LabellingBatches.Any(b => b.Id == i.BatchId && b.CatalogueId == catalogue.Id))
            .GroupBy(i => i.ProductId).Select(g => new { g.Key, P = g.Max(i => i.InclusionProbability) }).ToDictionaryAsync(x => x.Key, x => x.P, ct);
        // A product no sampled batch picked (labelled outside a round) counts as certain to be picked: π = 1.
        return ImportanceWeights.FromInclusion(human.ToDictionary(i => i, i => probabilities.GetValueOrDefault(corpus.Products[i].Id, 1.0)));
    }

    private async Task<(Corpus, TrainedClassifier, FeatureSet)> LoadAsync(Catalogue catalogue, ModelVersion version, CancellationToken ct)
    {
        var corpus = await loadCorpus(catalogue);
        var classifier = TrainedClassifier.Load(models.PathOf(version), Device);
        return (corpus, classifier, await classifier.FeaturesAsync(corpus.Products, pretrained(catalogue), ct));
    }
}
