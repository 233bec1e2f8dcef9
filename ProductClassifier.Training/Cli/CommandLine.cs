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
            IngestCommand.Create(),
        };
        return root;
    }
}
