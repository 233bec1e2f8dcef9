using Microsoft.Extensions.Options;
using ProductClassifier.Tests.Core.Labelling;
using ProductClassifier.Web.Access;

namespace ProductClassifier.Tests.Web.Access;

public sealed class SignInThrottleTests
{
    private static (SignInThrottle Throttle, ManualClock Clock) Create(int failures = 2, int windowMinutes = 5)
    {
        var clock = new ManualClock();
        var options = Options.Create(new AccessOptions { SignInFailuresPerClient = failures, SignInWindow = TimeSpan.FromMinutes(windowMinutes) });
        return (new SignInThrottle(options, clock), clock);
    }

    private static void Fail(SignInThrottle throttle, string client)
    {
        Assert.True(throttle.TryBegin(client));
        throttle.End(client, failed: true);
    }

    [Fact]
    public void A_client_waits_after_its_failures_until_they_leave_the_window()
    {
        var (throttle, clock) = Create();
        Fail(throttle, "a");
        clock.Advance(TimeSpan.FromMinutes(2));
        Fail(throttle, "a");

        Assert.False(throttle.TryBegin("a"));
        Assert.True(throttle.TryBegin("b"));
        clock.Advance(TimeSpan.FromMinutes(3)); // the first failure is 5 minutes old
        Assert.True(throttle.TryBegin("a"));
    }

    [Fact]
    public void Attempts_under_way_count_so_a_parallel_burst_gets_no_more_than_the_limit()
    {
        var (throttle, _) = Create(failures: 3);

        var started = Enumerable.Range(0, 10).Count(_ => throttle.TryBegin("burst"));

        Assert.Equal(3, started);
    }

    [Fact]
    public void Successes_leave_nothing_behind()
    {
        var (throttle, _) = Create(failures: 1);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(throttle.TryBegin("office"));
            throttle.End("office", failed: false);
        }
    }
}
