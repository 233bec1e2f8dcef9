using System.Net.Http.Json;
using ProductClassifier.Core.Similarity;
using ProductClassifier.Core.Similarity.Elasticsearch;
using static ProductClassifier.Tests.Core.Similarity.ElasticsearchRequestTests;

namespace ProductClassifier.Tests.Core.Similarity;

/// <summary>Versions and the alias, against <see cref="FakeElasticsearch"/>: a rebuild never leaves searches an empty index.</summary>
public sealed class ElasticsearchRebuildTests
{
    [Fact]
    public async Task A_rebuild_fills_a_new_version_while_searches_answer_from_the_old_one_then_switches_the_alias()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        using var index = Index(server);
        var before = Entries(40);
        await index.UpsertAsync(before);
        await index.PublishAsync(1);
        var first = Assert.Single(server.IndicesBehind(index.Name));
        using var reader = Index(server);

        await index.ClearAsync();
        await index.UpsertAsync(Entries(30, firstId: 1000));
        var during = await reader.SearchAsync(new SimilarityQuery(before[0].Vector, 10));
        await index.PublishAsync(2);
        var after = await reader.SearchAsync(new SimilarityQuery(before[0].Vector, 10));

        Assert.Equal(10, during.Count);
        Assert.All(during, n => Assert.True(n.ProductId < 1000));
        Assert.Equal(10, after.Count);
        Assert.All(after, n => Assert.True(n.ProductId >= 1000)); // no old id comes back
        var second = Assert.Single(server.IndicesBehind(index.Name));
        Assert.NotEqual(first, second);
        Assert.DoesNotContain(first, server.Indices); // the old version is gone
        Assert.StartsWith(index.Name + ElasticsearchSimilarityIndex.VersionSeparator, second);
        Assert.Equal(2, await reader.WatermarkAsync());
        Assert.Equal(30, await reader.CountAsync());
    }

    [Fact]
    public async Task A_rebuild_starts_from_watermark_zero_and_an_unpublished_one_changes_nothing_searched()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        using var index = Index(server);
        await index.UpsertAsync(Entries(12));
        await index.PublishAsync(9);

        using var rebuild = Index(server);
        await rebuild.ClearAsync();
        await rebuild.UpsertAsync(Entries(3, firstId: 500));

        Assert.Equal(0, await rebuild.WatermarkAsync());
        Assert.Equal(9, await index.WatermarkAsync());
        Assert.Equal(12, await index.CountAsync());
    }

    [Fact]
    public async Task An_index_of_the_alias_name_from_before_versions_is_replaced_in_the_same_step()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        using var http = new HttpClient { BaseAddress = server.Url };
        (await http.PutAsJsonAsync("pc-similar-fashion", new { mappings = new { properties = new { productId = new { type = "long" } } } }))
            .EnsureSuccessStatusCode();
        using var index = Index(server);

        await index.ClearAsync();
        await index.UpsertAsync(Entries(5));
        await index.PublishAsync(4);

        Assert.StartsWith("pc-similar-fashion~", Assert.Single(server.IndicesBehind("pc-similar-fashion")));
        Assert.DoesNotContain("pc-similar-fashion", server.Indices);
        Assert.Equal(5, await index.CountAsync());
    }

    [Fact]
    public async Task Deleting_removes_every_version_and_the_alias()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        using var index = Index(server);
        await index.UpsertAsync(Entries(5));
        await index.PublishAsync(1);
        await index.ClearAsync(); // an unpublished version too
        using var other = Index(server, "other");
        await other.UpsertAsync(Entries(2));
        await other.PublishAsync(1);

        await index.DeleteAsync();

        Assert.Empty(server.IndicesBehind(index.Name));
        Assert.All(server.Indices, name => Assert.StartsWith("pc-similar-other~", name));
        Assert.Equal(0, await index.CountAsync());
        Assert.Empty(await index.SearchAsync(new SimilarityQuery(Entries(1)[0].Vector, 3)));
    }
}
