namespace ProductClassifier.Core.Similarity;

/// <summary>
/// How often a query's nearest neighbours share its category at the top level, the second level and the leaf:
/// for each query, the fraction of its neighbours holding one of the query's categories at that level, averaged
/// over queries that have a category at that level. A query's leaf categories are its labels with no child among
/// its labels (so a product labelled only "Apparel" has leaf "Apparel"). Neighbours without labels count as not sharing.
/// </summary>
/// <param name="depths">Depth of every category id (1 = top level).</param>
public sealed class NeighbourAgreement(IReadOnlyDictionary<int, int> depths, IReadOnlyDictionary<int, int?> parents)
{
    private readonly Level _top = new(), _second = new(), _leaf = new();

    public int Queries { get; private set; }
    public double TopLevel => _top.Mean;
    public double SecondLevel => _second.Mean;
    public double Leaf => _leaf.Mean;

    /// <summary>Scores one query against the labels of its neighbours (null: a neighbour without labels).</summary>
    public void Add(int[] queryLabels, IReadOnlyList<int[]?> neighbourLabels)
    {
        if (queryLabels.Length == 0 || neighbourLabels.Count == 0) return;
        Queries++;
        var parentsInSet = queryLabels.Select(c => parents.GetValueOrDefault(c)).OfType<int>().ToHashSet();
        _top.Add(queryLabels.Where(c => depths.GetValueOrDefault(c) == 1).ToArray(), neighbourLabels);
        _second.Add(queryLabels.Where(c => depths.GetValueOrDefault(c) == 2).ToArray(), neighbourLabels);
        _leaf.Add(queryLabels.Where(c => !parentsInSet.Contains(c)).ToArray(), neighbourLabels);
    }

    private sealed class Level
    {
        private double _sum;
        private int _queries;

        public double Mean => _queries == 0 ? 0 : _sum / _queries;

        public void Add(int[] wanted, IReadOnlyList<int[]?> neighbours)
        {
            if (wanted.Length == 0) return;
            _sum += (double)neighbours.Count(n => n is not null && n.Any(wanted.Contains)) / neighbours.Count;
            _queries++;
        }
    }
}
