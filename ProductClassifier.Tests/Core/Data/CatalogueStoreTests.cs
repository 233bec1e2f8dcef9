using ProductClassifier.Core;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.Data;

public sealed class CatalogueStoreTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Default_catalogue_is_the_most_recently_touched()
    {
        await using var db = database.Open();
        await CatalogueStore.GetOrCreateAsync(db, "first-" + Guid.NewGuid());
        var second = await CatalogueStore.GetOrCreateAsync(db, "second-" + Guid.NewGuid());

        var resolved = await CatalogueStore.ResolveAsync(db, null);

        Assert.Equal(second.Id, resolved.Id);
    }

    [Fact]
    public async Task Unknown_catalogue_name_is_a_clear_error()
    {
        await using var db = database.Open();
        var e = await Assert.ThrowsAsync<UserFacingException>(() => CatalogueStore.ResolveAsync(db, "no-such-catalogue"));
        Assert.Contains("no-such-catalogue", e.Message);
    }
}
