using System.Net;
using ProductClassifier.Core.Access;
using ProductClassifier.Core.Similarity;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Web.Similarity;

/// <summary>The admin page <c>/similar</c>, as the server renders it.</summary>
public sealed class SimilarPageTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly DirectoryInfo _images = Directory.CreateTempSubdirectory("pc-web-images-");
    private readonly PublishedIndex _index = new();

    public void Dispose()
    {
        _images.Delete(recursive: true);
        _index.Dispose();
    }

    [Fact]
    public async Task Labellers_are_refused_and_sent_to_the_access_denied_page()
    {
        await using var app = new WebAppFactory(database.ConnectionString, _images.FullName, _index.Settings());
        using var labeller = await app.SignedInClientAsync(Roles.Labeller);

        var response = await labeller.GetAsync("/similar");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/denied", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Shows_an_admin_a_products_neighbours_in_order_with_the_judgements_and_precision()
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);
        var categories = await TestCatalogue.AddCategoriesAsync(db, catalogue.Id, "Home > Mugs");
        var ids = new List<long>();
        foreach (var title in new[] { "Query teapot", "Neighbour one", "Neighbour two" })
            ids.Add((await TestCatalogue.AddProductAsync(db, catalogue.Id, title)).Id);
        await TestCatalogue.AddReferenceLabelsAsync(db, ids[0], categories["Home"], categories["Home > Mugs"]);
        await _index.PublishAsync(db, catalogue.Id, catalogue.Name,
            [(ids[0], PublishedIndex.AtAngle(0, 1)), (ids[1], PublishedIndex.AtAngle(0.5, 2)), (ids[2], PublishedIndex.AtAngle(0.2, 3))]);
        await SimilarityJudgements.SaveAsync(db, "admin", ids[0], ids[2], 1, similar: true);
        await using var app = new WebAppFactory(database.ConnectionString, _images.FullName, _index.Settings());

        var html = await app.GetHtmlAsync($"/similar?catalogue={catalogue.Name}&product={ids[0]}&evaluate=true", Roles.Admin);

        Assert.Contains("Query teapot", html);
        var two = html.IndexOf("Neighbour two", StringComparison.Ordinal);
        var one = html.IndexOf("Neighbour one", StringComparison.Ordinal);
        Assert.True(two > 0 && one > two, "nearest first");
        Assert.Contains("distance 0.020", html); // 1 − cos 0.2
        Assert.Contains("precision@10 1.000 over 1 query products (1 judgements)", html);
        Assert.Contains("Mugs", html);
    }
}
