using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Evaluation;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.Jobs;

public sealed class JobEventContractTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    public static TheoryData<JobEventPayload> Payloads() =>
    [
        new StatusEvent(JobStatus.Running, "w-1", 2, "cpu"),
        new StatusEvent(JobStatus.Failed, Error: "out of memory"),
        new ProgressEvent(0.25, "linear: epoch 2"),
        new StepEvent("fasttext fold 2/3", 3, 40, 120, 0.41f),
        new EpochEvent("fasttext fold 2/3", 7, 20, 0.41f, TimeSpan.FromSeconds(2.5)),
        new ValidationEvent("fasttext", 7, 0.43f, 0.83f, true),
        new EvaluationEvent(3, 0.74, 0.85)
        {
            Served = "meta", Round = 2, Models = [new MemberScore("linear", 0.7)],
            Categories = [new CategoryMetrics("Apparel > Shoes", 0.9, 0.8, 0.847, 0.88, 12)],
        },
        new PredictionsEvent(3, 1200, 850.5),
        new SimilarityIndexEvent(10, 2, 500, 77, "usearch"),
        new FeaturizeEvent(120, 100, 10, 10, 110, 10, 110, 0, 42),
        new RoundOpenedEvent(1, 7, 30, "uncertainty-disagreement"),
        new NextJobEvent(43, JobKinds.Train),
    ];

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task Every_kind_of_event_reads_back_from_Postgres_as_the_record_that_was_written(JobEventPayload payload)
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);
        var job = await new JobQueue(db).EnqueueAsync(catalogue.Id, "contract");

        await new JobEvents(db).AddAsync(job.Id, payload);

        var stored = await db.JobEvents.AsNoTracking().Where(e => e.JobId == job.Id).OrderBy(e => e.Id).LastAsync();
        Assert.Equal(JobEventKinds.Of(payload), stored.Type);
        var read = JobEventJson.Read(stored.Type, stored.Payload);
        Assert.Equal(JobEventJson.Serialize(payload), JobEventJson.Serialize(read!)); // lists compare by content this way
        Assert.Equal(payload.GetType(), read!.GetType());
    }

    [Fact]
    public void Every_payload_record_has_a_kind()
    {
        var records = typeof(JobEventPayload).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(JobEventPayload)) && !t.IsAbstract).ToList();

        Assert.Equal(records.Select(t => t.Name).Order(), JobEventKinds.All.Values.Select(t => t.Name).Order());
        Assert.Equal(JobEventKinds.All.Count, JobEventKinds.All.Values.Distinct().Count());
    }

    [Fact]
    public void Events_stored_before_the_records_existed_still_read()
    {
        Assert.Equal(new StatusEvent(JobStatus.Queued), JobEventJson.Read(JobEventKinds.Status, """{"status":"Queued"}"""));
        Assert.Equal(new EpochEvent("linear", 1, 2, 0.5f, TimeSpan.FromSeconds(1.5)),
            JobEventJson.Read(JobEventKinds.Epoch, """{"run":"linear","epoch":1,"epochs":2,"trainLoss":0.5,"elapsed":"00:00:01.5"}"""));
        Assert.Equal("""{"status":"Queued"}""", JobEventJson.Serialize(new StatusEvent(JobStatus.Queued)));
    }

    [Fact]
    public void An_unknown_kind_or_a_payload_of_another_shape_reads_as_nothing_rather_than_failing()
    {
        Assert.Null(JobEventJson.Read("featurize-v9", """{"done":3}"""));
        Assert.Null(JobEventJson.Read(JobEventKinds.Epoch, """{"epoch":"seven"}"""));
        Assert.Null(JobEventJson.Read(JobEventKinds.Status, "[]"));
    }

    [Fact]
    public void Events_describe_themselves_in_words()
    {
        Assert.Equal("fasttext fold 2/3: epoch 7, validation loss 0.43, validation micro-F1 0.83 (best so far)",
            new ValidationEvent("fasttext fold 2/3", 7, 0.43f, 0.83f, true).Describe());
        Assert.Equal("running on w-1 (cpu), attempt 2", new StatusEvent(JobStatus.Running, "w-1", 2, "cpu").Describe());
        Assert.Equal("failed: out of memory", new StatusEvent(JobStatus.Failed, Error: "out of memory").Describe());
    }

    [Fact]
    public async Task Finishing_records_one_status_event_and_none_for_a_job_that_is_no_longer_the_workers()
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);
        var queue = new JobQueue(db);
        var kind = "finish-" + catalogue.Id;
        var job = await queue.EnqueueAsync(catalogue.Id, kind);
        await queue.ClaimAsync("w", [kind]);

        await queue.FinishAsync(job.Id, "someone-else", JobStatus.Succeeded);
        await queue.FinishAsync(job.Id, "w", JobStatus.Failed, "boom");
        await queue.FinishAsync(job.Id, "w", JobStatus.Succeeded);

        var statuses = (await db.JobEvents.AsNoTracking().Where(e => e.JobId == job.Id).OrderBy(e => e.Id).ToListAsync())
            .Select(e => JobEventJson.Read(e.Type, e.Payload)).ToList();
        Assert.Equal([new StatusEvent(JobStatus.Queued), new StatusEvent(JobStatus.Failed, Error: "boom")], statuses);
    }
}
