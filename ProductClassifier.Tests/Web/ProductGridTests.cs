using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using ProductClassifier.Web.Catalog;

namespace ProductClassifier.Tests.Web;

public sealed class ProductGridTests
{
    private static ProductRow Row(long id, string title, bool hasImage = true) =>
        new(id, $"E{id}", title, "Acme", 12.5m, "EUR", "shop", "Home > Mugs", hasImage);

    [Fact]
    public async Task Shows_rows_with_thumbnails_and_prices()
    {
        await using var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;

        var grid = ctx.Render<ProductGrid>(p => p
            .Add(g => g.Page, new ProductPage([Row(7, "Blue mug"), Row(8, "Vase without photo", hasImage: false)], 2)));

        Assert.Contains("Blue mug", grid.Markup);
        Assert.Contains("12.50 EUR", grid.Markup);
        Assert.Single(grid.FindAll("img.product-thumb"));
        Assert.Equal("images/7", grid.Find("img.product-thumb").GetAttribute("src"));
        Assert.Empty(grid.FindComponents<MudPagination>());
    }

    [Fact]
    public async Task Html_and_script_in_titles_show_as_text()
    {
        await using var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        const string hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>";

        var grid = ctx.Render<ProductGrid>(p => p
            .Add(g => g.Page, new ProductPage([Row(7, hostile) with { Brand = hostile, FeedCategory = hostile }], 1))
            .Add(g => g.ShowFeedCategory, true));

        Assert.Empty(grid.FindAll("script"));
        Assert.Empty(grid.FindAll("[onerror]"));
        Assert.Equal(hostile, grid.Find(".product-title").TextContent);
        Assert.Contains("&lt;script&gt;", grid.Markup);
    }

    [Fact]
    public async Task Asks_for_another_page_when_the_list_is_longer_than_a_page()
    {
        await using var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        var requested = 0;

        var grid = ctx.Render<ProductGrid>(p => p
            .Add(g => g.Page, new ProductPage(Enumerable.Range(1, 50).Select(i => Row(i, $"Item {i}")).ToList(), 120))
            .Add(g => g.PageNumberChanged, (int page) => requested = page));

        var pagination = grid.FindComponent<MudPagination>();
        var pageButtons = grid.FindAll(".mud-pagination-item button").Select(b => b.TextContent.Trim()).ToList();
        Assert.Contains("3", pageButtons);
        Assert.DoesNotContain("4", pageButtons);
        Assert.Contains("1–50 of 120", grid.Markup);
        await grid.InvokeAsync(() => pagination.Instance.SelectedChanged.InvokeAsync(2));
        Assert.Equal(2, requested);
    }
}
