namespace ProductClassifier.Core.Data;

/// <summary>Growing pauses between retries of something failing: doubling from the first up to the longest, and back after a success.</summary>
public sealed class Backoff
{
    private readonly TimeSpan _first, _longest;
    private TimeSpan _next;

    public Backoff(TimeSpan first, TimeSpan longest) => (_first, _longest, _next) = (first, longest, first);

    /// <summary>Half a second, doubling up to ten: a database restart is ridden out within seconds of its end.</summary>
    public static Backoff ForDatabase() => new(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(10));

    public TimeSpan Next()
    {
        var pause = _next;
        _next = TimeSpan.FromTicks(Math.Min(_longest.Ticks, _next.Ticks * 2));
        return pause;
    }

    public void Reset() => _next = _first;
}
