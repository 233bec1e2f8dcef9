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
        foreach (var command in ModelCommands.Create()) root.Add(command);
        root.Add(WorkerCommands.Create());
        root.Add(JobCommands.Create());
        root.Add(ServeCommand.Create());
        root.Add(ApiKeyCommands.Create());
        return root;
    }
}
