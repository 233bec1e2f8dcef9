using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ProductClassifier.Core.Labelling;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.Labelling;

public sealed class LabellingMetricsTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    // Other tests call the services at the same time on the same process-wide meter: keep only this test's calls.
    private static readonly AsyncLocal<bool> Mine = new();

    [Fact]
    public async Task Each_queue_and_history_call_records_its_server_time_by_operation()
    {
        var round = await TestRound.CreateAsync(database, items: 3);
        var (queue, history) = (round.Queue(), round.History());
        var recorded = new ConcurrentQueue<(string Operation, double Milliseconds)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument is { Meter.Name: LabellingMetrics.MeterName, Name: LabellingMetrics.DurationName }) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, ms, tags, _) =>
        {
            if (Mine.Value) recorded.Enqueue(((string)tags.ToArray().Single(t => t.Key == LabellingMetrics.OperationTag).Value!, ms));
        });
        listener.Start();

        Mine.Value = true;
        var item = await queue.NextAsync(round.CatalogueId, "ann");
        await queue.PeekNextAsync(round.CatalogueId, "ann");
        await queue.DecideAsync("ann", item!.Product.Id, []);
        await history.ProgressAsync(round.CatalogueId, "ann");
        await queue.UndoAsync(round.CatalogueId, "ann");
        await queue.SkipAsync("ann", item.Product.Id);
        Mine.Value = false;

        Assert.Equal([LabellingMetrics.Next, LabellingMetrics.Peek, LabellingMetrics.Decide, LabellingMetrics.Progress,
            LabellingMetrics.Undo, LabellingMetrics.Skip], recorded.Select(r => r.Operation));
        Assert.All(recorded, r => Assert.True(r.Milliseconds > 0));
    }
}
