using Elastic.Transport.Products.Elasticsearch;

namespace ProductClassifier.Core.Similarity.Elasticsearch;

/// <summary>
/// What every call to the cluster shares: retrying what failed for a passing reason, and errors that say what to fix.
/// The transport retries nothing itself with a single node, and answers a failure with an invalid response, not an
/// exception.
/// </summary>
internal static class ElasticsearchRequests
{
    /// <summary>Sends, and sends again after a growing pause while the answer is a passing failure, at most <paramref name="retries"/> times.</summary>
    public static async Task<T> SendAsync<T>(Func<CancellationToken, Task<T>> send, int retries, CancellationToken ct)
        where T : ElasticsearchResponse
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await send(ct);
            if (response.IsValidResponse || !IsTransient(response) || attempt >= retries) return response;
            ct.ThrowIfCancellationRequested();
            await Task.Delay(Backoff(attempt), ct);
        }
    }

    /// <summary>
    /// 429 (the cluster sheds load), 5xx other than 501, and no answer at all (refused, reset, timed out): worth another
    /// try. 4xx (bad credentials, a bad request) is not.
    /// </summary>
    public static bool IsTransient(ElasticsearchResponse response) => Status(response) switch
    {
        null => true,
        429 => true,
        501 or 505 => false,
        >= 500 => true,
        _ => false,
    };

    public static int? Status(ElasticsearchResponse response) => response.ApiCallDetails.HttpStatusCode;

    public static bool IsMissing(ElasticsearchResponse response) => Status(response) == 404;

    public static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(200 * Math.Pow(2, Math.Min(attempt, 6)));

    /// <summary>Why the cluster would not <paramref name="what"/>, worded so that the reader knows which setting to look at.</summary>
    public static UserFacingException Failure(string what, ElasticsearchResponse response)
    {
        var reason = response.ElasticsearchServerError?.Error?.Reason;
        return new UserFacingException(Status(response) switch
        {
            null => $"Elasticsearch could not be reached to {what}: {response.ApiCallDetails.OriginalException?.Message ?? "no answer"}" +
                (response.ApiCallDetails.Uri?.Scheme == "https"
                    ? " (a node with a self-signed certificate needs Similarity:ElasticsearchCaCertificate or Similarity:ElasticsearchCertificateFingerprint)"
                    : ""),
            401 => $"Elasticsearch refused the credentials (401) to {what}: set Similarity:ElasticsearchApiKey, or " +
                "Similarity:ElasticsearchUserName and Similarity:ElasticsearchPassword.",
            403 => $"Elasticsearch forbade this user or API key to {what} (403): {reason}",
            413 => $"Elasticsearch found the request to {what} too large (413): lower Similarity:BulkBatchSize.",
            var status => $"Elasticsearch could not {what} ({status}): {reason ?? response.ApiCallDetails.OriginalException?.Message ?? "no reason given"}",
        }, response.ApiCallDetails.OriginalException);
    }
}
