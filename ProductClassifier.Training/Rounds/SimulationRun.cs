using ProductClassifier.Core.ActiveLearning;
using ProductClassifier.Core.Features;
using ProductClassifier.Training.Ensemble;
using ProductClassifier.Training.Learning;

namespace ProductClassifier.Training.Rounds;

/// <summary>
/// One strategy and seed of a simulation: its own copy of the human labels (the oracle's answers so far), the picks
/// with their inclusion probabilities, and the ensemble of the latest round.
/// </summary>
internal sealed class SimulationRun : IDisposable
{
    private readonly SimulationSetup _setup;
    private readonly SimulationOptions _options;
    private readonly QueryStrategy _strategy;
    private readonly int _seed;
    private readonly int[]?[] _human;
    private readonly Corpus _corpus;
    private readonly Dictionary<int, double> _inclusion = [];
    private EnsembleModel _ensemble;

    public SimulationRun(SimulationSetup setup, SimulationOptions options, QueryStrategy strategy, int seed)
    {
        (_setup, _options, _strategy, _seed) = (setup, options, strategy, seed);
        // Human labels the corpus came with (none in a data set folder) count as answered before round 1.
        var source = setup.Corpus;
        _human = [.. source.HumanLabels];
        _corpus = new Corpus
        {
            Name = source.Name,
            Products = source.Products,
            Categories = source.Categories,
            RuleCategories = source.RuleCategories,
            ReferenceLabels = source.ReferenceLabels,
            HumanLabels = _human,
        };
        _ensemble = setup.Pretrained;
    }

    public int Labels => _inclusion.Count;

    /// <summary>Picks a batch, asks the oracle, fine-tunes the last round's ensemble and evaluates it.</summary>
    public CurvePoint Round(int round, CancellationToken ct)
    {
        foreach (var pick in PickBatch(round))
        {
            _human[pick.Index] = _setup.Corpus.ReferenceLabels[pick.Index];
            _inclusion[pick.Index] = pick.InclusionProbability;
        }
        var tuned = FineTune(round, ct);
        if (!ReferenceEquals(_ensemble, _setup.Pretrained)) _ensemble.Dispose();
        _ensemble = tuned;
        var (macro, micro) = _setup.Evaluate(_ensemble);
        return new CurvePoint(_strategy.ToName(), _seed, round, Labels, macro, micro);
    }

    /// <summary>The round's batch from the pool's unlabelled products, as picks whose indices are corpus rows.</summary>
    internal IReadOnlyList<BatchPick> PickBatch(int round) =>
        BatchPicker.Pick(_strategy, _ensemble, _setup.Features, _setup.Pool.Where(i => _human[i] is null).ToArray(), _options.BatchSize,
            _options.Acquisition, RoundSeeds.Picking(_seed, round));

    private EnsembleModel FineTune(int round, CancellationToken ct)
    {
        var start = _options.FromPretrained ? _setup.Pretrained : _ensemble;
        return _options.Tuning.FineTune(start, _corpus, _setup.Features, [.. _inclusion.Keys],
            ImportanceWeights.FromInclusion(_inclusion, _options.ImportanceCap), _setup.Split.Development, RoundSeeds.Replay(_seed, round),
            _options.Device, RoundSeeds.Training(_seed, round), NullMetricsSink.Instance, ct);
    }

    public void Dispose()
    {
        if (!ReferenceEquals(_ensemble, _setup.Pretrained)) _ensemble.Dispose();
    }
}
