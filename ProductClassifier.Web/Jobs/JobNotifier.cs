namespace ProductClassifier.Web.Jobs;

/// <summary>Job events for components of this process (the jobs page), the same ones the hub sends to remote clients.</summary>
public sealed class JobNotifier
{
    public event Action<JobEventMessage>? Received;

    internal void Publish(JobEventMessage message) => Received?.Invoke(message);
}
