namespace ProductClassifier.Tests.Core.Labelling;

/// <summary>A clock that moves only when a test moves it, so lease expiry and timings are exact.</summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
