using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Catalog;
using Spectre.Console;

namespace ProductClassifier.Training.Cli;

/// <summary><c>./pc catalogues [list|create|delete]</c>.</summary>
internal static class CataloguesCommand
{
    public static Command Create()
    {
        var list = new Command("list", "List catalogues with their product counts; the default one is marked");
        list.SetAction(CliHost.WithDatabase(async (_, db, ct) =>
        {
            var rows = await db.Catalogues.OrderByDescending(c => c.TouchedAt)
                .Select(c => new { c.Name, c.TouchedAt, Products = db.Products.Count(x => x.CatalogueId == c.Id && x.GoneAt == null) })
                .ToListAsync(ct);
            if (Console.IsOutputRedirected)
            {
                foreach (var row in rows) Console.WriteLine(row.Name);
                return;
            }
            var table = new Table().AddColumns("catalogue", "products", "last used");
            for (var i = 0; i < rows.Count; i++)
                table.AddRow(i == 0 ? $"{rows[i].Name} (default)" : rows[i].Name, $"{rows[i].Products:N0}", $"{rows[i].TouchedAt:u}");
            AnsiConsole.Write(table);
        }));

        var name = new Argument<string>("name") { Description = "Catalogue name" };
        var create = new Command("create", "Create an empty catalogue and make it the default") { name };
        create.SetAction(CliHost.WithDatabase(async (p, db, ct) =>
        {
            var catalogue = await CatalogueStore.GetOrCreateAsync(db, p.GetValue(name)!, ct);
            Console.WriteLine($"catalogue {catalogue.Name}");
        }));

        var deleteName = new Argument<string>("name") { Description = "Catalogue name" };
        var delete = new Command("delete", "Delete a catalogue with its taxonomy, rules, products, labels, models, images and similarity index") { deleteName };
        delete.SetAction(CliHost.WithDatabase(async (p, db, ct) =>
        {
            var deleted = await CatalogueStore.DeleteAsync(db, p.GetValue(deleteName)!, ct);
            if (deleted > 0) await CliHost.DeleteCatalogueFilesAsync(p.GetValue(deleteName)!, ct);
            Console.WriteLine(deleted == 0 ? $"no catalogue named {p.GetValue(deleteName)}" : $"deleted {p.GetValue(deleteName)}");
        }));

        var command = new Command("catalogues", "The catalogues in the database (one shop or data set each)") { list, create, delete };
        command.Action = list.Action;
        return command;
    }
}
