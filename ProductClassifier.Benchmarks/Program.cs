using System.Runtime.InteropServices;
using ProductClassifier.Benchmarks;

// dotnet run -c Release --project ProductClassifier.Benchmarks -- BENCHMARK [options]
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
// A benchmark may own a throwaway PostgreSQL cluster: on SIGTERM, cancel so it is still torn down.
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; cancel.Cancel(); });
return args.FirstOrDefault() switch
{
    "ingest" => await IngestBenchmark.RunAsync(args[1..], cancel.Token),
    "featurize" => await ImageFeaturizeBenchmark.RunAsync(args[1..], cancel.Token),
    "cancel" => await CancelLatencyBenchmark.RunAsync(args[1..], cancel.Token),
    "classify" => await ClassifyLoadBenchmark.RunAsync(args[1..], cancel.Token),
    "labelling" => await LabellingBenchmark.RunAsync(args[1..], cancel.Token),
    "similarity" => await SimilarityBenchmark.RunAsync(args[1..], cancel.Token),
    "labelling-browser" => await BrowserLabellingBenchmark.RunAsync(args[1..], cancel.Token),
    "labelling-load" => await LabellerLoadBenchmark.RunAsync(args[1..], cancel.Token),
    "console" => await ConsoleBenchmark.RunAsync(args[1..], cancel.Token),
    // Not a benchmark: the README's screenshots, taken the same way (the app on Kestrel, headless Chromium).
    "screenshots" => await DocsScreenshots.RunAsync(args[1..], cancel.Token),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ProductClassifier.Benchmarks ingest [--rows 100000] [--repeat 3]");
    Console.Error.WriteLine("       ProductClassifier.Benchmarks featurize [--dataset FOLDER] [--images 1000] [--sentences 2000] [--sessions CORES]");
    Console.Error.WriteLine("       ProductClassifier.Benchmarks cancel [--runs 5]");
    Console.Error.WriteLine("       ProductClassifier.Benchmarks classify [--url http://127.0.0.1:5001] [--catalogue NAME] [--key KEY] [--batch 32] [--concurrency 4] [--seconds 30] [--images]");
    Console.Error.WriteLine("       ProductClassifier.Benchmarks labelling [--labellers 20] [--items 2000] [--think-ms 1000] [--overlap-percent 10]");
    Console.Error.WriteLine("       ProductClassifier.Benchmarks similarity [--sizes 100000,1000000] [--queries 1000] [--features CACHE_FOLDER] [--jitter 0.5] [--threads CORES]");
    Console.Error.WriteLine("       ProductClassifier.Benchmarks labelling-browser [--labellers 3] [--items 150] [--think-ms 500] [--overlap-percent 10]");
    Console.Error.WriteLine("       ProductClassifier.Benchmarks labelling-load [--labellers 50] [--seconds 180] [--items 6000] [--think-ms 2000] [--overlap-percent 10]");
    Console.Error.WriteLine("       ProductClassifier.Benchmarks console [--taxonomy FILE] [--products 4000] [--runs 5]");
    Console.Error.WriteLine("       ProductClassifier.Benchmarks screenshots [--catalogue NAME] [--out docs] [--earlier 20] [--search shirt]   (scripts/screenshots.sh)");
    return 2;
}
