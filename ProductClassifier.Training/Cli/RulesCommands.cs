using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ProductClassifier.Core;
using ProductClassifier.Core.Rules;
using Spectre.Console;

namespace ProductClassifier.Training.Cli;

/// <summary><c>./pc rules import|apply|audit</c>: the old keyword categoriser, as data.</summary>
internal static class RulesCommands
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "rules.json: [{\"id\", \"category\", \"field\", \"terms\"}, …]" };
        var import = new Command("import", "Make the catalogue's rules those of FILE (matched by rule id; missing categories are created)") { file };
        import.SetAction(CliHost.WithCatalogue(p => RuleFile.Load(p.GetValue(file)!), async (_, rules, db, catalogue, ct) =>
        {
            var result = await RuleImporter.ImportAsync(db, catalogue.Id, rules, ct);
            Console.WriteLine($"{rules.Count} rules read; {result.Added} new, {result.Updated} changed, {result.Removed} removed; catalogue '{catalogue.Name}'.");
            if (result.CreatedCategories.Count > 0)
                Console.WriteLine($"created {result.CreatedCategories.Count} categories the taxonomy lacked: {string.Join("; ", result.CreatedCategories.Take(10))}{(result.CreatedCategories.Count > 10 ? "; …" : "")}");
        }, createNamed: true));

        var apply = new Command("apply", "Run the catalogue's rules over its products and replace its rule labels");
        apply.SetAction(CliHost.WithCatalogue(async (_, db, catalogue, ct) =>
        {
            var clock = Stopwatch.StartNew();
            RuleApplyResult result = null!;
            await CliHost.ProgressConsole.Progress().StartAsync(async context =>
            {
                var matching = context.AddTask("matching products");
                var writing = context.AddTask("writing rule labels");
                var progress = new Progress<RuleApplyProgress>(r =>
                {
                    var task = r.Stage == "matching" ? matching : writing;
                    task.MaxValue = Math.Max(1, r.Total);
                    task.Value = r.Done;
                });
                result = await RuleApplier.ApplyAsync(db, catalogue.Id, progress, ct);
                matching.Value = matching.MaxValue;
                writing.Value = writing.MaxValue;
            });
            Console.WriteLine($"{result.Rules} rules over {result.Products} products: {result.ProductsLabelled} labelled " +
                $"({Percent(result.ProductsLabelled, result.Products)}), {result.Labels} rule labels, {clock.Elapsed.TotalSeconds:F1} s.");
        }));

        var audit = new Command("audit", "Rule labels against the ground truth (reference labels, else labellers' decisions): overall micro precision/recall, then one row per rule");
        audit.SetAction(CliHost.WithCatalogue(async (_, db, catalogue, ct) =>
        {
            var report = await RuleAudit.RunAsync(db, catalogue.Id, ct);
            if (report.Products == 0)
                throw new UserFacingException($"Catalogue '{catalogue.Name}' has no ground truth to audit against: import its data set with --ground-truth, or label products.");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"overall precision {report.Precision:F3} recall {report.Recall:F3}"));
            Console.WriteLine($"({report.Products} products with ground truth; {report.Correct} of {report.Predicted} rule-labelled and {report.Reference} true (product, category) pairs agree)");
            if (report.Predicted == 0) Console.Error.WriteLine("no rule labels: run `./pc rules apply` first.");
            var width = Math.Min(80, report.Rules.Select(r => r.CategoryPath.Length).DefaultIfEmpty(8).Max());
            var code = report.Rules.Select(r => r.Code.Length).DefaultIfEmpty(4).Max();
            Console.WriteLine($"{"rule".PadRight(code)}  {"category".PadRight(width)}  {"fired",7}  {"precision",9}  {"recall",6}");
            foreach (var row in report.Rules)
                Console.WriteLine($"{row.Code.PadRight(code)}  {row.CategoryPath.PadRight(width)}  {row.Fired,7}  {Ratio(row.Precision),9}  {Ratio(row.Recall),6}");
        }));

        return new Command("rules", "The old keyword categoriser: import, apply and audit its rules") { import, apply, audit };
    }

    private static string Ratio(double? value) => value is { } v ? v.ToString("F3", CultureInfo.InvariantCulture) : "-";

    private static string Percent(int part, int whole) =>
        whole == 0 ? "-" : ((double)part / whole).ToString("P1", CultureInfo.InvariantCulture);
}
