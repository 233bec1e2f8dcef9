using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Core.Bulk;

namespace ProductClassifier.Core.Similarity.Elasticsearch;

/// <summary>
/// Bulk writes with back-pressure: bounded batches, one request in flight. Documents the cluster rejected one by one
/// with 429 go again after a growing pause; so does a whole request that failed for a passing reason (429 under
/// indexing pressure, 5xx, a timeout, a lost connection), whose answer carries no items at all. A request too large
/// (413) is split in two. Anything else is reported with the first refused document and the reason.
/// </summary>
internal sealed class BulkWriter(ElasticsearchClient client, SimilarityOptions options)
{
    public async Task WriteAsync(string index, IReadOnlyList<IBulkOperation> operations, CancellationToken ct)
    {
        foreach (var batch in operations.Chunk(options.BulkBatchSize)) await SendAsync(index, batch, ct);
    }

    private async Task SendAsync(string index, IReadOnlyList<IBulkOperation> operations, CancellationToken ct)
    {
        var pending = operations;
        for (var attempt = 0; ; attempt++)
        {
            var response = await client.BulkAsync(new BulkRequest(index) { Operations = new BulkOperationsCollection(pending) }, ct);
            if (response.Items is { Count: > 0 } items)
                pending = Rejected(index, pending, items);
            else if (ElasticsearchRequests.Status(response) == 413 && pending.Count > 1)
            {
                await SendAsync(index, pending.Take(pending.Count / 2).ToList(), ct);
                await SendAsync(index, pending.Skip(pending.Count / 2).ToList(), ct);
                return;
            }
            else if (response.IsValidResponse) return;
            else if (!ElasticsearchRequests.IsTransient(response))
                throw ElasticsearchRequests.Failure($"write {pending.Count} documents to {index}", response);

            if (pending.Count == 0) return;
            if (attempt >= options.ElasticsearchRetries)
                throw new UserFacingException($"Elasticsearch kept refusing bulk writes to {index} for a passing reason " +
                    $"(last: {ElasticsearchRequests.Status(response)?.ToString() ?? "no answer"}) after {attempt} retries.");
            ct.ThrowIfCancellationRequested();
            await Task.Delay(ElasticsearchRequests.Backoff(attempt), ct);
        }
    }

    /// <summary>The operations to send again (those rejected with 429); throws on any other refusal.</summary>
    private static List<IBulkOperation> Rejected(string index, IReadOnlyList<IBulkOperation> sent, IReadOnlyCollection<ResponseItem> items)
    {
        if (items.Count != sent.Count)
            throw new UserFacingException($"Elasticsearch answered {items.Count} items to a bulk request of {sent.Count} for {index}.");
        var retry = new List<IBulkOperation>();
        foreach (var (item, operation) in items.Zip(sent))
        {
            if (item.Status is >= 200 and < 300) continue;
            if (item.Status == 429) retry.Add(operation);
            else if (item.Status == 404 && item.Operation == "delete") continue; // already gone
            else
                throw new UserFacingException($"Elasticsearch refused product {item.Id} in {index} ({item.Status}): " +
                    $"{item.Error?.Type}: {item.Error?.Reason}");
        }
        return retry;
    }
}
