using System.CommandLine;
using ProductClassifier.Core.ActiveLearning;
using ProductClassifier.Core.Data;
using ProductClassifier.Training.Rounds;

namespace ProductClassifier.Training.Cli;

/// <summary>
/// <c>./pc simulate</c>'s options: where the data set and results are, and the experiment's knobs, each defaulting to
/// what the app's labelling rounds use (<see cref="SimulationOptions"/>, <see cref="RoundTuning"/>,
/// <see cref="AcquisitionOptions"/>), bound once by <see cref="Bind"/>.
/// </summary>
internal sealed class SimulateOptions
{
    private static readonly SimulationOptions Simulation = new();
    private static readonly RoundTuning Tuning = RoundTuning.Default;
    private static readonly AcquisitionOptions Acquisition = new();

    public Option<string?> Dataset { get; } = new("--dataset") { Description = "Data set folder with a dataset.json and reference labels (required unless --replot)" };
    public Option<string> Output { get; } = Defaulted("--out", "Folder for curves.csv, summary.json and curves.svg", "simulation");
    public Option<string?> Config { get; } = new("--config") { Description = "Preprocessing config (default: beside dataset.json, else datasets/<name>/, else inferred)" };
    public Option<bool> Replot { get; } = new("--replot") { Description = "Only redraw summary.json and the chart from the curves.csv already in --out" };

    private readonly Option<string> _strategies = Defaulted("--strategy", "Comma-separated: random, uncertainty, disagreement, uncertainty-disagreement", "random,uncertainty,disagreement,uncertainty-disagreement");
    private readonly Option<int> _rounds = Defaulted("--rounds", "Labelling rounds per strategy and seed", Simulation.Rounds);
    private readonly Option<int> _batch = Defaulted("--batch", "Products labelled per round", Simulation.BatchSize);
    private readonly Option<int> _seeds = Defaulted("--seeds", "Repetitions with different random draws", Simulation.Seeds);
    private readonly Option<double> _testFraction = Defaulted("--test-fraction", "Share of products held back for evaluation", Simulation.TestFraction);
    private readonly Option<int> _pool = Defaulted("--pool", "Unlabelled development products the strategies pick from", Simulation.Pool);
    private readonly Option<string?> _models = new("--models") { Description = $"Comma-separated members (default: {string.Join(",", SimulationOptions.DefaultModels)}; those without inputs are skipped)" };

    // How each round fine-tunes.
    private readonly Option<float> _humanWeight = Defaulted("--human-weight", "Loss weight of a human label against a rule label", Tuning.HumanWeight);
    private readonly Option<int> _replay = Defaulted("--replay", "Rule-labelled rows replayed in each fine-tuning", Tuning.Replay);
    private readonly Option<int> _replayPerCategory = Defaulted("--replay-per-category", "Rule positives per category the replay keeps before filling uniformly (0: a uniform sample)", Tuning.ReplayPerCategory);
    private readonly Option<int> _epochs = Defaulted("--epochs", "Fine-tuning epochs per round", Tuning.Epochs);
    private readonly Option<int> _fineTuneBatch = Defaulted("--fine-tune-batch", "Mini-batch size of the fine-tuning", Tuning.BatchSize);
    private readonly Option<double> _learningRate = Defaulted("--lr-factor", "Fine-tuning learning rate as a share of each model's own", Tuning.LearningRateFactor);
    private readonly Option<bool> _distil = Defaulted("--distil-replay", "Replayed products teach each member its own predictions from the round before (false: the rule labels)", Tuning.DistilReplay);
    private readonly Option<bool> _ruleTrust = Defaulted("--rule-trust", "With --distil-replay false: weigh replayed rule labels by each category's rule precision and recall on the human labels so far (false: every rule label weighs 1)", Tuning.RuleTrust);

    // The ensemble the rounds start from.
    private readonly Option<int> _pretrainEpochs = Defaulted("--pretrain-epochs", "Epochs per member of the pre-training on rule labels", Simulation.PretrainEpochs);
    private readonly Option<double> _ruleDropout = Defaulted("--rule-dropout", "Share of rows whose rule firings each member pre-trains without (0–1)", Simulation.PretrainRuleDropout);
    private readonly Option<double?> _importanceCap = new("--importance-cap") { Description = "Clip importance weights (mean 1) to [1/cap, cap] (default: unclipped)" };
    private readonly Option<bool> _noCache = new("--no-cache") { Description = "Pre-train again even when .data/simulate holds an ensemble pre-trained with the same settings" };
    private readonly Option<bool> _fromPretrained = new("--from-pretrained") { Description = "Fine-tune the rule-trained ensemble afresh each round instead of the last round's" };

    // How a batch is picked.
    private readonly Option<bool> _topK = new("--top-k") { Description = "Take the top scores instead of importance-weighted sampling" };
    private readonly Option<double> _uncertaintyWeight = Defaulted("--uncertainty-weight", "Share of uncertainty in uncertainty-disagreement", Acquisition.UncertaintyWeight);
    private readonly Option<bool> _balance = Defaulted("--balance-categories", "Scale each category's uncertainty and disagreement to the mean over categories before aggregating (false: raw values)", Acquisition.BalanceCategories);
    private readonly Option<ScoreAggregation> _aggregate = Defaulted("--aggregate", "How per-category scores combine per product: Max, Mean or TopKSum", Acquisition.Aggregation);
    private readonly Option<int> _summed = Defaulted("--categories-summed", "Categories TopKSum adds up", Acquisition.TopK);
    private readonly Option<double> _minDistance = Defaulted("--min-distance", "Cosine distance (image, else sentence, else tf-idf embedding) under which a candidate counts as a near-duplicate of one already in the batch", Acquisition.MinDistance);
    private readonly Option<double> _floor = Defaulted("--floor", "Least sampling score, as a share of the pool's mean score, so every product keeps a chance", Acquisition.Floor);

    /// <summary>An option whose default is <paramref name="value"/> (shown by <c>--help</c>).</summary>
    private static Option<T> Defaulted<T>(string name, string description, T value) =>
        new(name) { Description = description, DefaultValueFactory = _ => value };

    /// <summary>Every option, in the order <c>--help</c> lists them.</summary>
    public IEnumerable<Option> All =>
    [
        Dataset, _strategies, _rounds, _batch, _seeds, Output, _testFraction, _pool, _models, _humanWeight, _replay, _replayPerCategory,
        _epochs, _fineTuneBatch, _learningRate, _pretrainEpochs, _ruleDropout, _importanceCap, _noCache, _fromPretrained, Replot, _topK,
        _uncertaintyWeight, _balance, _aggregate, _summed, _minDistance, _floor, _distil, _ruleTrust, Config, CliHost.DeviceOption,
    ];

    /// <summary>The simulation the options describe.</summary>
    /// <exception cref="Core.UserFacingException">A value outside its range, naming the option.</exception>
    public SimulationOptions Bind(ParseResult p)
    {
        var options = new SimulationOptions
        {
            Strategies = CliHost.List(p.GetValue(_strategies)!).Select(QueryStrategyNames.Parse).Distinct().ToList(),
            Rounds = p.GetValue(_rounds),
            BatchSize = p.GetValue(_batch),
            Seeds = p.GetValue(_seeds),
            TestFraction = p.GetValue(_testFraction),
            Pool = p.GetValue(_pool),
            Tuning = new RoundTuning
            {
                HumanWeight = p.GetValue(_humanWeight),
                Replay = p.GetValue(_replay),
                ReplayPerCategory = p.GetValue(_replayPerCategory),
                DistilReplay = p.GetValue(_distil),
                RuleTrust = p.GetValue(_ruleTrust),
                Epochs = p.GetValue(_epochs),
                BatchSize = p.GetValue(_fineTuneBatch),
                LearningRateFactor = p.GetValue(_learningRate),
            },
            Models = CliHost.List(p.GetValue(_models)) ?? SimulationOptions.DefaultModels,
            PretrainEpochs = p.GetValue(_pretrainEpochs),
            PretrainRuleDropout = p.GetValue(_ruleDropout),
            ImportanceCap = p.GetValue(_importanceCap),
            CacheFolder = p.GetValue(_noCache) ? null : ProjectRoot.DataFolder("simulate"),
            FromPretrained = p.GetValue(_fromPretrained),
            Device = p.GetValue(CliHost.DeviceOption),
            Acquisition = new AcquisitionOptions(Sample: !p.GetValue(_topK),
                UncertaintyWeight: p.GetValue(_uncertaintyWeight), BalanceCategories: p.GetValue(_balance),
                Aggregation: p.GetValue(_aggregate), TopK: p.GetValue(_summed), MinDistance: p.GetValue(_minDistance), Floor: p.GetValue(_floor)),
        };
        Validate(options);
        return options;
    }

    private static void Validate(SimulationOptions options)
    {
        if (options.Rounds < 1 || options.BatchSize < 1 || options.Seeds < 1 || options.Pool < 1)
            throw new Core.UserFacingException("--rounds, --batch, --seeds and --pool must be at least 1.");
        if (options.TestFraction is <= 0 or >= 1) throw new Core.UserFacingException("--test-fraction must lie between 0 and 1.");
        if (options.PretrainRuleDropout is < 0 or > 1) throw new Core.UserFacingException("--rule-dropout must lie between 0 and 1.");
        if (options.Acquisition.MinDistance is < 0 or > 2) throw new Core.UserFacingException("--min-distance must lie between 0 and 2 (cosine distance).");
        if (options.Acquisition.Floor is < 0 or > 1) throw new Core.UserFacingException("--floor must lie between 0 and 1.");
        if (options.ImportanceCap is < 1) throw new Core.UserFacingException("--importance-cap must be at least 1 (1: every weight 1).");
    }
}
