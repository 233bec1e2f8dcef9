using ProductClassifier.Core.ActiveLearning;
using ProductClassifier.Core.Features;
using ProductClassifier.Training.Ensemble;
using ProductClassifier.Training.Learning;

namespace ProductClassifier.Training.ActiveLearning;

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
    private readonly Random _random;
    private readonly int[]?[] _human;
    private readonly Corpus _corpus;
    private readonly bool[] _labelled;
    private readonly Dictionary<int, double> _inclusion = [];
    private EnsembleModel _ensemble;

    public SimulationRun(SimulationSetup setup, SimulationOptions options, QueryStrategy strategy, int seed)
    {
        (_setup, _options, _strategy, _seed) = (setup, options, strategy, seed);
        _random = new Random(seed);
        _human = new int[]?[setup.Corpus.Products.Count];
        var source = setup.Corpus;
        _corpus = new Corpus
        {
            Name = source.Name, Products = source.Products, Categories = source.Categories,
            RuleCategories = source.RuleCategories, ReferenceLabels = source.ReferenceLabels, HumanLabels = _human,
        };
        _labelled = new bool[setup.Pool.Length];
        _ensemble = setup.Pretrained;
    }

    public int Labels => _inclusion.Count;

    /// <summary>Picks a batch, asks the oracle, fine-tunes the last round's ensemble and evaluates it.</summary>
    public CurvePoint Round(int round, CancellationToken ct)
    {
        foreach (var pick in PickBatch())
        {
            var product = _setup.Pool[pick.Index];
            _human[product] = _setup.Corpus.ReferenceLabels[product];
            _inclusion[product] = pick.InclusionProbability;
        }
        var tuned = FineTune(ct);
        if (!ReferenceEquals(_ensemble, _setup.Pretrained)) _ensemble.Dispose();
        _ensemble = tuned;
        var (macro, micro) = _setup.Evaluate(_ensemble);
        return new CurvePoint(_strategy.ToName(), _seed, round, Labels, macro, micro);
    }

    /// <summary>The next batch, as picks whose indices point into <see cref="SimulationSetup.Pool"/>.</summary>
    private IEnumerable<BatchPick> PickBatch()
    {
        var open = Enumerable.Range(0, _setup.Pool.Length).Where(i => !_labelled[i]).ToArray();
        if (open.Length == 0) yield break;
        var rows = open.Select(i => _setup.Pool[i]).ToArray();
        double[] scores;
        var acquisition = _options.Acquisition;
        if (_strategy == QueryStrategy.Random)
        {
            // A uniform sample: top-k of random keys, every inclusion probability equal.
            scores = open.Select(_ => _random.NextDouble()).ToArray();
            acquisition = acquisition with { Sample = false };
        }
        else
        {
            var members = _ensemble.Predict(_setup.Features, rows).Members.Values.ToList();
            scores = AcquisitionScorer.Score(_strategy, members, _corpus.CategoryCount, acquisition, _random);
        }
        var embedding = _setup.Diversity.Columns == 0 ? null : DiversityEmbedding.Slice(_setup.Diversity, open);
        foreach (var pick in BatchSampler.Pick(scores, _options.BatchSize, acquisition, _random, embedding))
        {
            _labelled[open[pick.Index]] = true;
            yield return pick with { Index = open[pick.Index] };
        }
    }

    private EnsembleModel FineTune(CancellationToken ct)
    {
        var start = _options.FromPretrained ? _setup.Pretrained : _ensemble;
        return _options.Tuning.FineTune(start, _corpus, _setup.Features, [.. _inclusion.Keys],
            ImportanceWeights.FromInclusion(_inclusion, _options.ImportanceCap), _setup.Split.Development, _random, _options.Device,
            _seed * 100 + Labels / Math.Max(1, _options.BatchSize), NullMetricsSink.Instance, ct);
    }

    public void Dispose()
    {
        if (!ReferenceEquals(_ensemble, _setup.Pretrained)) _ensemble.Dispose();
    }
}
