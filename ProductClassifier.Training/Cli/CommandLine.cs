using System.CommandLine;

namespace ProductClassifier.Training.Cli;

internal static class CommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("ProductClassifier: classify a product catalogue with as few human labels as possible.")
        {
            CliHost.CatalogueOption,
            DbCommands.Create(),
            CataloguesCommand.Create(),
            TaxonomyCommands.Create(),
            RulesCommands.Create(),
            DemoCommand.Create(),
            IngestCommand.Create(),
            ImportDatasetCommand.Create(),
            FeaturizeCommand.Create(),
            RoundCommands.Create(),
            SimulateCommand.Create(),
            UserCommands.Create(),
            SimilarityCommands.Create(),
        };
        foreach (var command in ModelCommands.Create().Concat(WorkerCommands.Create()).Concat(ServeCommands.Create())) root.Add(command);
        return root;
    }
}
