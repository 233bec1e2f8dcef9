using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Core.Labelling;

/// <summary>A batch item two labellers decided: the first to decide it, then the second (each labeller's latest decision).</summary>
internal sealed record OverlapPair(long ProductId, string? Title, int Position, LabelDecision First, LabelDecision Second)
{
    public bool Agree => First.PositiveCategoryIds.Order().SequenceEqual(Second.PositiveCategoryIds.Order());

    public static async Task<List<OverlapPair>> LoadAsync(ClassifierDb db, long batchId, CancellationToken ct)
    {
        var decisions = await (
            from d in db.LabelDecisions.AsNoTracking()
            join i in db.BatchItems on new { d.ProductId, BatchId = (long?)d.BatchId } equals new { i.ProductId, BatchId = (long?)i.BatchId }
            join p in db.Products on d.ProductId equals p.Id
            where d.BatchId == batchId && !d.IsResolution
            select new { Decision = d, p.Title, i.Position }).ToListAsync(ct);
        return decisions.GroupBy(x => x.Decision.ProductId)
            .Select(g => (Item: g.First(), Latest: g.GroupBy(x => x.Decision.Labeller)
                .Select(l => l.Select(x => x.Decision).MaxBy(d => (d.DecidedAt, d.Id))!)
                .OrderBy(d => d.DecidedAt).ThenBy(d => d.Id).ToList()))
            .Where(g => g.Latest.Count >= 2)
            .Select(g => new OverlapPair(g.Item.Decision.ProductId, g.Item.Title, g.Item.Position + 1, g.Latest[0], g.Latest[1]))
            .OrderBy(p => p.Position).ToList();
    }
}
