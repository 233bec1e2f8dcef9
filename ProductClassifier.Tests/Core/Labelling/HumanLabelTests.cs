using ProductClassifier.Core.Features;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.Labelling;

public sealed class HumanLabelTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task The_corpus_takes_a_resolution_first_then_agreed_or_single_decisions_and_no_label_for_an_open_conflict()
    {
        var round = await TestRound.CreateAsync(database, items: 4, overlap: 1.0);
        var queue = round.Queue();
        string[][] plan =
        [
            ["Clothing > Shirts", "Clothing > Shirts"], // agree
            ["Clothing > Shirts", "Clothing > Shoes"], // conflict, left open
            ["Clothing > Shirts", "Home > Kitchen"], // conflict, resolved
            ["Clothing > Shoes"], // one labeller: the other skips it
        ];
        foreach (var (labeller, slot) in new[] { ("ann", 0), ("bob", 1) })
            for (var i = 0; i < plan.Length; i++)
            {
                var item = await queue.NextAsync(round.CatalogueId, labeller);
                if (slot < plan[i].Length) await queue.DecideAsync(labeller, item!.Product.Id, [round.Categories[plan[i][slot]]]);
                else await queue.SkipAsync(labeller, item!.Product.Id);
                round.Clock.Advance(TimeSpan.FromSeconds(2));
            }
        await round.Review().ResolveAsync("admin", round.Products[2], [round.Categories["Home > Kitchen"]]);

        await using var db = database.Open();
        var corpus = await CorpusLoader.FromDatabaseAsync(db, (await db.Catalogues.FindAsync(round.CatalogueId))!, _ => null);

        string[]? Label(long product) => corpus.HumanLabels[corpus.Products.Select(p => p.Id).ToList().IndexOf(product)]
            ?.Select(c => corpus.Categories[c].Path).Order().ToArray();
        Assert.Equal(new[] { "Clothing", "Clothing > Shirts" }, Label(round.Products[0]));
        Assert.Null(Label(round.Products[1]));
        Assert.Equal(new[] { "Home", "Home > Kitchen" }, Label(round.Products[2]));
        Assert.Equal(new[] { "Clothing", "Clothing > Shoes" }, Label(round.Products[3]));
    }
}
