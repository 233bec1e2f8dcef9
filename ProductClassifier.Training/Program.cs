using System.CommandLine;
using ProductClassifier.Core;
using ProductClassifier.Training.Cli;

try
{
    return await CommandLine.Build().Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (UserFacingException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
