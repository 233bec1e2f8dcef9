using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Core.Taxonomy;

/// <summary>
/// Merges a tree into a catalogue's categories: paths already there keep their ids (so labels survive), new
/// nodes are added, a node's external id is filled in when the tree has one. Nothing is removed. Running it
/// again changes nothing. One INSERT per depth level, so trees of tens of thousands of nodes take a moment.
/// </summary>
public static class TaxonomyImporter
{
    // Parents are inserted one level earlier, so the join finds their ids; ON CONFLICT keeps existing rows.
    private const string InsertLevel = """
        INSERT INTO categories (catalogue_id, parent_id, name, path, depth, external_id)
        SELECT @catalogue, parent.id, u.name, u.path, @depth, u.external_id
        FROM unnest(@names, @paths, @parents, @externals) AS u(name, path, parent_path, external_id)
        LEFT JOIN categories parent ON parent.catalogue_id = @catalogue AND parent.path = u.parent_path
        ON CONFLICT (catalogue_id, path) DO UPDATE SET external_id = excluded.external_id
            WHERE excluded.external_id IS NOT NULL AND categories.external_id IS DISTINCT FROM excluded.external_id
        RETURNING (xmax = 0) AS inserted
        """;

    /// <summary>Merges <paramref name="tree"/> into the catalogue's categories, in the caller's transaction if one is open.</summary>
    public static async Task<TaxonomyImportResult> ImportAsync(ClassifierDb db, int catalogueId, TaxonomyTree tree,
        CancellationToken ct = default)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
            var added = 0;
            foreach (var level in tree.Nodes.GroupBy(n => n.Depth).OrderBy(g => g.Key))
                added += await InsertLevelAsync(connection, catalogueId, level.Key, level.ToList(), ct);
            if (owned is not null) await owned.CommitAsync(ct);
            var ids = await db.Categories.Where(c => c.CatalogueId == catalogueId)
                .ToDictionaryAsync(c => c.Path, c => c.Id, StringComparer.Ordinal, ct);
            return new TaxonomyImportResult(added, ids.Count, ids);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Builds the tree from the category paths the catalogue's products carry (<c>feed_category</c>) and merges it in.
    /// </summary>
    public static async Task<(TaxonomyTree Tree, TaxonomyImportResult Result)> FromProductsAsync(ClassifierDb db,
        Catalog.Catalogue catalogue, CancellationToken ct = default)
    {
        var paths = await db.Products.Where(x => x.CatalogueId == catalogue.Id && x.FeedCategory != null)
            .Select(x => x.FeedCategory!).Distinct().ToListAsync(ct);
        var builder = new TaxonomyBuilder();
        foreach (var path in paths) builder.Add(path);
        if (builder.Count == 0)
            throw new UserFacingException($"No product of catalogue '{catalogue.Name}' carries a feed category; map one with `./pc ingest --mapping`.");
        var tree = builder.Build();
        return (tree, await ImportAsync(db, catalogue.Id, tree, ct));
    }

    private static async Task<int> InsertLevelAsync(NpgsqlConnection connection, int catalogueId, int depth,
        List<TaxonomyNode> nodes, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(InsertLevel, connection);
        command.Parameters.AddWithValue("catalogue", catalogueId);
        command.Parameters.AddWithValue("depth", depth);
        AddTexts(command, "names", nodes.Select(n => n.Name));
        AddTexts(command, "paths", nodes.Select(n => n.Path));
        AddTexts(command, "parents", nodes.Select(n => n.ParentPath));
        AddTexts(command, "externals", nodes.Select(n => n.ExternalId));
        var added = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            if (reader.GetBoolean(0)) added++;
        return added;
    }

    private static void AddTexts(NpgsqlCommand command, string name, IEnumerable<string?> values) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() });
}
