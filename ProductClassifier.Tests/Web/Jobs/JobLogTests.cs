using System.Text.Json;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Web.Jobs;

namespace ProductClassifier.Tests.Web.Jobs;

/// <summary>A job's events read as words, and its curves drawn one line per member.</summary>
public sealed class JobLogTests
{
    private static JobEventMessage Message(long id, string kind, JobEventPayload payload) =>
        new(id, 1, kind, JsonSerializer.SerializeToElement(payload, payload.GetType(), JobEventJson.Options), DateTime.UtcNow);

    private static readonly JobEventMessage[] Events =
    [
        Message(1, JobEventKinds.Epoch, new EpochEvent("fasttext fold 1/3", 1, 8, 0.9f, TimeSpan.FromSeconds(2))),
        Message(2, JobEventKinds.Validation, new ValidationEvent("fasttext fold 1/3", 1, 0.8f, 0.61f, true)),
        Message(3, JobEventKinds.Epoch, new EpochEvent("fasttext fold 2/3", 7, 8, 0.41f, TimeSpan.FromSeconds(2))),
        Message(4, JobEventKinds.Validation, new ValidationEvent("fasttext fold 2/3", 7, 0.5f, 0.83f, false)),
        Message(5, JobEventKinds.Epoch, new EpochEvent("linear", 1, 4, 0.3f, TimeSpan.FromSeconds(1))),
    ];

    [Fact]
    public void An_epoch_and_its_validation_read_as_one_sentence_with_the_json_behind_it()
    {
        var lines = JobLog.Lines(Events);

        Assert.Equal(3, lines.Count);
        Assert.Equal("fasttext fold 2/3: epoch 7, loss 0.41, validation micro-F1 0.83", lines[1].Text);
        Assert.Equal("fasttext fold 1/3: epoch 1, loss 0.9, validation micro-F1 0.61 (best so far)", lines[0].Text);
        Assert.Equal(2, lines[1].Payloads.Count);
        Assert.StartsWith("linear: epoch 1/4, loss 0.3", lines[2].Text);
    }

    [Fact]
    public void Curves_show_one_line_per_member_its_latest_run_and_the_folds_only_when_asked()
    {
        var (loss, score) = TrainingCurves.From(Events.Select(e => e.Read()));
        var (allLoss, _) = TrainingCurves.From(Events.Select(e => e.Read()), allRuns: true);

        Assert.Equal(["fasttext fold 2/3 training loss", "fasttext fold 2/3 validation loss", "linear training loss"], loss.Select(l => l.Name));
        Assert.Equal(["fasttext", "fasttext", "linear"], loss.Select(l => l.Group));
        Assert.Equal(["fasttext fold 2/3 validation micro-F1"], score.Select(l => l.Name));
        Assert.Equal(0.83, score[0].Points.Single().Y, 6);
        Assert.Equal(5, allLoss.Count);
        Assert.True(allLoss.Single(l => l.Name == "fasttext fold 1/3 training loss").Faint);
    }
}
