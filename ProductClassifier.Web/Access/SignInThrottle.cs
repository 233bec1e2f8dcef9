using Microsoft.Extensions.Options;

namespace ProductClassifier.Web.Access;

/// <summary>
/// Limits failed sign-ins per client (IP address), never per account: locking an account after failures would let
/// anyone keep a known name such as <c>admin</c> locked out by failing its password. A client that failed
/// <see cref="AccessOptions.SignInFailuresPerClient"/> times within <see cref="AccessOptions.SignInWindow"/> must wait;
/// attempts still under way count, so a burst of parallel guesses is held to the same limit. Successful sign-ins
/// count for nothing, so many people behind one address are not held up by each other.
/// </summary>
internal sealed class SignInThrottle(IOptions<AccessOptions> options, TimeProvider clock)
{
    private readonly Dictionary<string, Client> _clients = [];
    private readonly Lock _lock = new();

    private sealed class Client
    {
        public readonly Queue<DateTimeOffset> Failures = new();
        public int InFlight;
    }

    /// <summary>Starts an attempt of <paramref name="client"/>, or returns false when it must wait; end each started one with <see cref="End"/>.</summary>
    public bool TryBegin(string client)
    {
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            if (_clients.Count > 10_000) Forget(now);
            var state = _clients.TryGetValue(client, out var known) ? known : _clients[client] = new Client();
            Expire(state, now);
            if (state.Failures.Count + state.InFlight >= options.Value.SignInFailuresPerClient) return false;
            state.InFlight++;
            return true;
        }
    }

    public void End(string client, bool failed)
    {
        lock (_lock)
        {
            if (!_clients.TryGetValue(client, out var state)) return;
            state.InFlight--;
            if (failed) state.Failures.Enqueue(clock.GetUtcNow());
            else if (state is { InFlight: 0, Failures.Count: 0 }) _clients.Remove(client);
        }
    }

    /// <summary>The client a request comes from: its IP address (behind a proxy, configure forwarded headers so this is the caller's).</summary>
    public static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private void Expire(Client state, DateTimeOffset now)
    {
        while (state.Failures.TryPeek(out var at) && now - at >= options.Value.SignInWindow) state.Failures.Dequeue();
    }

    /// <summary>Drops the clients with nothing left to remember, so addresses seen once do not pile up.</summary>
    private void Forget(DateTimeOffset now)
    {
        foreach (var (client, state) in _clients.ToList())
        {
            Expire(state, now);
            if (state is { InFlight: 0, Failures.Count: 0 }) _clients.Remove(client);
        }
    }
}
