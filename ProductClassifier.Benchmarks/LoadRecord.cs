using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace ProductClassifier.Benchmarks;

/// <summary>What the load benchmark's labellers measured and what went wrong, shared by all of them.</summary>
internal sealed class LoadRecord
{
    public ConcurrentDictionary<string, ConcurrentBag<double>> Times { get; } = new();
    public ConcurrentQueue<string> Errors { get; } = new();

    public void Error(string message) => Errors.Enqueue(message);

    public async Task<T> TimeAsync<T>(string what, Func<Task<T>> work)
    {
        var clock = Stopwatch.StartNew();
        var result = await work();
        Times.GetOrAdd(what, _ => []).Add(clock.Elapsed.TotalMilliseconds);
        return result;
    }

    /// <summary>Times a request and returns its status; any other status than <paramref name="expected"/> is an error.</summary>
    public async Task<HttpStatusCode> HttpAsync(string what, Func<Task<HttpResponseMessage>> send, HttpStatusCode expected)
    {
        using var response = await TimeAsync(what, send);
        await response.Content.LoadIntoBufferAsync();
        if (response.StatusCode != expected) Error($"{what}: {(int)response.StatusCode} {response.ReasonPhrase}");
        return response.StatusCode;
    }

    /// <summary>Times a GET whose body is read; null (and an error) unless it answered 200.</summary>
    public async Task<string?> HttpTextAsync(string what, Func<Task<HttpResponseMessage>> send)
    {
        var clock = Stopwatch.StartNew();
        using var response = await send();
        var text = await response.Content.ReadAsStringAsync();
        Times.GetOrAdd(what, _ => []).Add(clock.Elapsed.TotalMilliseconds);
        if (response.StatusCode == HttpStatusCode.OK) return text;
        Error($"{what}: {(int)response.StatusCode} {response.ReasonPhrase}");
        return null;
    }
}
