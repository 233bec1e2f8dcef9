using Npgsql;
using ProductClassifier.Core.Labelling;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.Labelling;

public sealed class OverlapSampleTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Postgres_and_dotnet_hash_product_ids_identically()
    {
        long[] ids = [.. Enumerable.Range(1, 3000).Select(i => (long)i), 4_294_967_295, 4_294_967_297, 9_007_199_254_740_993, long.MaxValue];
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT product_id, {OverlapSample.HashSql}::bigint FROM unnest(@ids) AS product_id", connection);
        command.Parameters.AddWithValue("ids", ids);
        await using var reader = await command.ExecuteReaderAsync();
        var checkedIds = 0;
        while (await reader.ReadAsync())
        {
            Assert.Equal(OverlapSample.Hash(reader.GetInt64(0)), reader.GetInt64(1));
            checkedIds++;
        }
        Assert.Equal(ids.Length, checkedIds);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.25)]
    public void Picks_close_to_the_fraction_of_consecutive_ids(double fraction)
    {
        var picked = Enumerable.Range(1, 10_000).Count(i => OverlapSample.IsOverlap(i, fraction));

        Assert.InRange(picked, 10_000 * fraction - 50, 10_000 * fraction + 50);
    }

    [Fact]
    public void Picks_none_at_zero_and_all_at_one()
    {
        Assert.DoesNotContain(Enumerable.Range(1, 1000), i => OverlapSample.IsOverlap(i, 0));
        Assert.All(Enumerable.Range(1, 1000), i => Assert.True(OverlapSample.IsOverlap(i, 1)));
    }
}
