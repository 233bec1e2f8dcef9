using System.Data;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Core.Catalog.Ingest;

/// <summary>
/// Loads a product feed into a catalogue: streams and maps it, skips bad rows into a reject file, binary-COPYs
/// the rest into a staging table and merges that into the products, all in one transaction. Upserts by
/// (catalogue, source, external id) and rewrites only products whose content changed.
/// </summary>
public sealed class FeedIngester(ClassifierDb db)
{
    // Staging is merged every this many rows, so the server merges one chunk while this process parses the next,
    // and a chunk (about 4 MB) stays within PostgreSQL's default temp_buffers instead of spilling to disk.
    private const int ChunkRows = 10_000;

    /// <summary>Ingests one feed; a feed or mapping that cannot be read at all is a <see cref="UserFacingException"/>.</summary>
    public async Task<IngestResult> IngestAsync(Catalogue catalogue, IngestRequest request,
        IProgress<IngestProgress>? progress = null, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(request.Source)) throw new UserFacingException("The source name must not be empty.");
        var mapping = request.Mapping ?? FeedMapping.Identity;
        mapping.Validate($"Mapping for {request.FeedPath}");
        using var reader = FeedReader.Open(request.FeedPath, mapping);
        using var rejects = new RejectFile(request.RejectsPath, request.FeedPath);
        var rejectedIds = new HashSet<string>(StringComparer.Ordinal);

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened) await connection.OpenAsync(ct);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            var merge = new ProductMerge(connection, catalogue.Id, request.Source);
            await using (var staging = await ProductStaging.BeginAsync(connection, ct))
            {
                await foreach (var batch in ReadAheadAsync(reader, ct))
                {
                    foreach (var row in batch.Rows)
                    {
                        if (row.Product is null)
                        {
                            rejects.Write(row.Reject!);
                            if (row.RejectedId is { } id) rejectedIds.Add(id);
                            continue;
                        }
                        await staging.WriteAsync(row.Product, ct);
                        if (staging.Rows < ChunkRows) continue;
                        await staging.CompleteAsync(ct);
                        await merge.MergeChunkAsync(staging.Rows, ct);
                        await staging.RestartAsync(ct);
                    }
                    progress?.Report(new IngestProgress(IngestStage.Reading, batch.BytesRead, reader.TotalBytes, batch.RecordsRead));
                }
                progress?.Report(new IngestProgress(IngestStage.Merging, reader.TotalBytes, reader.TotalBytes, reader.RecordsRead));
                await staging.CompleteAsync(ct);
                await merge.MergeChunkAsync(staging.Rows, ct);
            }
            rejects.Complete();
            if (request.Full && merge.Staged == 0)
                throw new UserFacingException($"{request.FeedPath} has no valid row: as a full feed it would mark every product of '{request.Source}' gone, so nothing was changed.");
            var gone = request.Full ? await merge.MarkGoneAsync(rejectedIds, ct) : 0;
            await merge.TouchCatalogueAsync(ct);
            await transaction.CommitAsync(ct);
            return new IngestResult(reader.RecordsRead, merge.Inserted.Count, merge.Updated.Count, (int)merge.Unchanged,
                rejects.Count, gone, rejects.Path, [.. merge.Inserted, .. merge.Updated], rejects.First);
        }
        finally
        {
            if (opened) await connection.CloseAsync();
        }
    }

    /// <summary>Parses on another thread, a bounded way ahead, so parsing overlaps the database's work.</summary>
    private static async IAsyncEnumerable<FeedBatch> ReadAheadAsync(FeedReader reader,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var channel = Channel.CreateBounded<FeedBatch>(new BoundedChannelOptions(256) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                await foreach (var batch in reader.ReadBatchesAsync(stop.Token)) await channel.Writer.WriteAsync(batch, stop.Token);
            }
            finally { channel.Writer.Complete(); }
        }, stop.Token);
        try
        {
            while (await channel.Reader.WaitToReadAsync(ct))
                while (channel.Reader.TryRead(out var batch)) yield return batch;
        }
        finally
        {
            stop.Cancel(); // the consumer failed or finished: let the producer go
            try { await producer; }
            catch (OperationCanceledException) when (stop.IsCancellationRequested && !ct.IsCancellationRequested) { }
        }
    }
}
