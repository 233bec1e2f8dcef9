using ProductClassifier.Core.Similarity;

namespace ProductClassifier.Web.Similarity;

/// <summary>
/// A blind comparison's list as the page shows it (<see cref="Response"/>: the interleaved neighbours, ranked as shown,
/// without distances) and, kept on the server for crediting verdicts, which embedding showed each neighbour.
/// </summary>
/// <param name="CategoryId">The category filter the neighbours were searched in, or null.</param>
public sealed record BlindComparison(SimilarResponse Response, IReadOnlyDictionary<long, InterleavedNeighbour> Teams, int? CategoryId);
