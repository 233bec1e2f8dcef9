using ProductClassifier.Training.Cli;

namespace ProductClassifier.Tests.Training.Cli;

/// <summary>Verbs that containers call, and bounds the command line enforces before anything runs.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("similarity query --product 1 -k 10001")]
    [InlineData("similarity eval -k 0")]
    public void K_outside_1_to_10000_is_refused_by_name(string args)
    {
        var parse = CommandLine.Build().Parse(args);

        Assert.Contains(parse.Errors, e => e.Message.Contains("-k must be between 1 and 10,000"));
    }

    [Theory]
    [InlineData("db migrate")]
    [InlineData("worker health --max-age 00:00:30")]
    [InlineData("similarity query --product 1 -k 10000")]
    public void The_verbs_the_containers_run_parse(string args) => Assert.Empty(CommandLine.Build().Parse(args).Errors);
}
