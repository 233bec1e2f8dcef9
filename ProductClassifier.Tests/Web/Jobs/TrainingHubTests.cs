using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Access;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Datasets;
using ProductClassifier.Core.Demo;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Tests.Infrastructure;
using ProductClassifier.Training.Worker;
using ProductClassifier.Web.Jobs;

namespace ProductClassifier.Tests.Web.Jobs;

public sealed class TrainingHubTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(3);
    private readonly string _folder = Directory.CreateTempSubdirectory("pc-hub-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_subscriber_receives_a_training_jobs_status_progress_and_metrics_and_the_new_version_is_registered()
    {
        var summary = await DemoDatasetGenerator.WriteAsync(Path.Combine(_folder, "demo"), new DemoDatasetOptions(250, Seed: 3));
        await using var db = database.Open();
        var catalogue = (await new DatasetImporter(db, new ImageStore(Path.Combine(_folder, "images"))).ImportAsync(summary.Folder, true, "hub-demo")).Catalogue;
        var (_, key) = await new ApiKeys(db).IssueAsync("notebook", Roles.DataScientist);
        await using var app = new WebAppFactory(database.ConnectionString, Path.Combine(_folder, "images"));
        _ = app.Server; // start the web app (and its relay) before the job exists

        var statuses = new ConcurrentQueue<JobStatusMessage>();
        var progress = new ConcurrentQueue<JobProgressMessage>();
        var metrics = new ConcurrentQueue<JobMetricsMessage>();
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var hub = Connect(app, key);
        hub.On<JobStatusMessage>(nameof(ITrainingClient.JobStatus), m =>
        {
            statuses.Enqueue(m);
            if (m.Status is "Succeeded" or "Failed") finished.TrySetResult();
        });
        hub.On<JobProgressMessage>(nameof(ITrainingClient.JobProgress), progress.Enqueue);
        hub.On<JobMetricsMessage>(nameof(ITrainingClient.JobMetrics), metrics.Enqueue);
        await hub.StartAsync();

        var job = await new JobQueue(db).EnqueueAsync(catalogue.Id, TrainJobHandler.JobKind,
            """{"models": ["linear", "wide-deep"], "folds": 0, "epochs": 3}""");
        var history = await hub.InvokeAsync<IReadOnlyList<JobEventMessage>>(nameof(TrainingHub.Subscribe), job.Id);
        await using (var worker = await TestWorker.StartAsync(database, _folder))
            await finished.Task.WaitAsync(Generous);

        Assert.Equal("Queued", Assert.Single(history).ToStatus().Status);
        Assert.Equal(["Running", "Succeeded"], statuses.Select(s => s.Status).Where(s => s != "Queued").ToArray());
        Assert.All(statuses, s => Assert.Equal(job.Id, s.JobId));
        Assert.NotEmpty(progress);
        Assert.Contains(progress, p => p.Progress > 0 && p.Text is not null);
        Assert.Contains(metrics, m => m.Read() is EpochEvent { TrainLoss: > 0 });
        var evaluation = Assert.IsType<EvaluationEvent>(Assert.Single(metrics, m => m.Type == JobEventKinds.Evaluation).Read());
        Assert.InRange(evaluation.MacroF1, 0, 1);
        Assert.NotEmpty(evaluation.Categories);
        var version = await db.ModelVersions.AsNoTracking().SingleAsync(v => v.CatalogueId == catalogue.Id);
        Assert.True(version.IsActive);
        Assert.Equal(version.Number, evaluation.Version);
    }

    [Fact]
    public async Task Subscribing_to_a_finished_job_returns_its_whole_history()
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);
        var job = await new JobQueue(db).EnqueueAsync(catalogue.Id, JobKinds.PredictAll);
        await new JobEvents(db).AddAsync(job.Id, new EpochEvent("linear", 1, 2, 0.5f, TimeSpan.FromSeconds(3)));
        await new JobQueue(db).CancelAsync(job.Id);
        var (_, key) = await new ApiKeys(db).IssueAsync("notebook", Roles.Admin);
        await using var app = new WebAppFactory(database.ConnectionString, _folder);
        await using var hub = Connect(app, key);
        await hub.StartAsync();

        var history = await hub.InvokeAsync<IReadOnlyList<JobEventMessage>>(nameof(TrainingHub.Subscribe), job.Id);

        Assert.Equal([JobEventKinds.Status, JobEventKinds.Epoch, JobEventKinds.Status], history.Select(e => e.Type).ToArray());
        Assert.Equal("Cancelled", history[^1].ToStatus().Status);
        Assert.Equal(new EpochEvent("linear", 1, 2, 0.5f, TimeSpan.FromSeconds(3)), history[1].Read());
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<IReadOnlyList<JobEventMessage>>(nameof(TrainingHub.Subscribe), 999_999_999L));
    }

    /// <summary>A real SignalR .NET client of the test server's hub, signed in by API key.</summary>
    private static HubConnection Connect(WebAppFactory app, string key) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, TrainingHub.Path.TrimStart('/')), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Headers[ApiKeys.Header] = key;
            })
            .Build();
}
