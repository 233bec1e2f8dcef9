using System.Text.Json.Nodes;
using Bunit;
using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Access;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Tests.Infrastructure;
using ProductClassifier.Web.Jobs;

namespace ProductClassifier.Tests.Web.Jobs;

/// <summary><c>/jobs</c> rendered by bUnit from the test's database.</summary>
public sealed class JobsPageTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_failed_job_offers_run_again_which_queues_it_with_its_chain_while_running_and_finished_ones_do_not()
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);
        var queue = new JobQueue(db);
        var failed = await JobChain.QueueAsync(db, catalogue.Id, [new JobStep(JobKinds.Train), new JobStep(JobKinds.PredictAll)]);
        await queue.ClaimAsync("w1", [JobKinds.Train]);
        await queue.FinishAsync(failed.Id, "w1", JobStatus.Failed, "ExternalException: Unknown scalar type");
        var succeeded = await queue.EnqueueAsync(catalogue.Id, JobKinds.PredictAll);
        await queue.ClaimAsync("w1", [JobKinds.PredictAll]);
        await queue.FinishAsync(succeeded.Id, "w1", JobStatus.Succeeded);
        await queue.EnqueueAsync(catalogue.Id, JobKinds.Featurize);

        await using var ctx = PageTestContext.Create(database, Roles.DataScientist);
        var page = ctx.Open<JobsPage>($"/jobs?catalogue={catalogue.Name}");
        page.Eventually(() => Assert.Equal(3, page.FindAll("[data-testid=job-status]").Count));
        Assert.Single(page.FindAll("[data-testid=retry-job]")); // the failed one only

        await page.Find("[data-testid=retry-job]").ClickAsync(new());
        page.Eventually(() => Assert.Equal(4, page.FindAll("[data-testid=job-status]").Count));
        var retry = await db.Jobs.AsNoTracking().Where(j => j.CatalogueId == catalogue.Id).OrderBy(j => j.Id).LastAsync();
        Assert.Equal((JobKinds.Train, JobStatus.Queued), (retry.Kind, retry.Status));
        Assert.Equal(failed.Id, JsonNode.Parse(retry.Parameters)![JobQueue.RetryOf]!.GetValue<long>());
        Assert.Equal([JobKinds.PredictAll], JobChain.Remaining(retry.Parameters).Select(s => s.Kind));
    }
}
