namespace ProductClassifier.Core.Jobs;

/// <summary>
/// What one job event says. Each kind of event (<see cref="JobEventKinds"/>) has one record deriving from this, written
/// by the queue, the workers and the job handlers and read back by the web app, so both sides spell a payload's fields
/// once and renaming one breaks the build rather than a chart. Stored as the record's JSON (<see cref="JobEventJson"/>).
/// </summary>
public abstract record JobEventPayload
{
    /// <summary>The event in words, as a job's log shows it.</summary>
    public abstract string Describe();
}
