using System.Globalization;
using ProductClassifier.Core.Jobs;

namespace ProductClassifier.Web.Jobs;

/// <summary>A job's events in words, as its log shows them.</summary>
public static class JobLog
{
    /// <summary>
    /// One line per event, oldest first; an epoch and its run's validation of that epoch read as one line
    /// ("fasttext fold 2/3: epoch 7, loss 0.41, validation micro-F1 0.83"). Steps and progress, a line a second, only
    /// with <paramref name="everything"/>.
    /// </summary>
    public static IReadOnlyList<JobLogLine> Lines(IReadOnlyList<JobEventMessage> events, bool everything = false)
    {
        var read = events.Select(e => (Message: e, Payload: e.Read())).ToList();
        var merged = new HashSet<int>();
        var lines = new List<JobLogLine>();
        for (var i = 0; i < read.Count; i++)
        {
            var (message, payload) = read[i];
            if (merged.Contains(i)) continue;
            if (!everything && payload is StepEvent or ProgressEvent) continue;
            if (payload is EpochEvent epoch && ValidationOf(read, i, epoch) is var v and >= 0)
            {
                merged.Add(v);
                var score = (ValidationEvent)read[v].Payload!;
                lines.Add(new JobLogLine(message.EventId, message.At, message.Type, string.Create(CultureInfo.InvariantCulture,
                    $"{epoch.Run}: epoch {epoch.Epoch}, loss {epoch.TrainLoss:0.###}, validation micro-F1 {score.MicroF1:0.###}{(score.Improved ? " (best so far)" : "")}"),
                    [message.Payload, read[v].Message.Payload]));
                continue;
            }
            lines.Add(new JobLogLine(message.EventId, message.At, message.Type, payload?.Describe() ?? Raw(message), [message.Payload]));
        }
        return lines;
    }

    /// <summary>The validation of the epoch at <paramref name="at"/>: the run's next validation event, before its next epoch.</summary>
    private static int ValidationOf(List<(JobEventMessage Message, JobEventPayload? Payload)> read, int at, EpochEvent epoch)
    {
        for (var i = at + 1; i < read.Count; i++)
            switch (read[i].Payload)
            {
                case ValidationEvent v when v.Run == epoch.Run: return v.Epoch == epoch.Epoch ? i : -1;
                case EpochEvent e when e.Run == epoch.Run: return -1;
            }
        return -1;
    }

    private static string Raw(JobEventMessage message)
    {
        var text = message.Payload.GetRawText();
        return text.Length > 160 ? text[..160] + "…" : text;
    }
}
