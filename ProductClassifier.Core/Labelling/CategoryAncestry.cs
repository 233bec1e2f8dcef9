namespace ProductClassifier.Core.Labelling;

/// <summary>A decision's categories with every ancestor they imply, checked against the catalogue's taxonomy.</summary>
internal static class CategoryAncestry
{
    public static async Task<int[]> ExpandAsync(QueueSession session, int catalogueId, IEnumerable<int> categoryIds, CancellationToken ct)
    {
        var given = categoryIds.Distinct().ToArray();
        if (given.Length == 0) return [];
        await using var command = await session.CommandAsync("""
            WITH RECURSIVE up AS (
                SELECT id, parent_id FROM categories WHERE catalogue_id = @catalogue AND id = ANY(@ids)
                UNION
                SELECT c.id, c.parent_id FROM categories c JOIN up ON c.id = up.parent_id)
            SELECT id FROM up ORDER BY id
            """, ct, ("catalogue", catalogueId), ("ids", given));
        var found = new List<int>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) found.Add(reader.GetInt32(0));
        // An id outside the catalogue cannot come back as an ancestor of one inside it.
        var unknown = given.Except(found).Order().ToArray();
        if (unknown.Length > 0)
            throw new UserFacingException($"Catalogue {catalogueId} has no categor{(unknown.Length == 1 ? "y" : "ies")} " +
                $"{string.Join(", ", unknown)}: the decision was not saved.");
        return [.. found];
    }
}
