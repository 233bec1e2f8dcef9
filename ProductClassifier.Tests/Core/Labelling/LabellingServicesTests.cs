using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Labelling;

namespace ProductClassifier.Tests.Core.Labelling;

public sealed class LabellingServicesTests
{
    [Fact]
    public void The_services_take_their_options_from_the_labelling_section()
    {
        using var services = Services(new() { ["Labelling:LeaseDuration"] = "00:02:30", ["Labelling:OverlapFraction"] = "0.2" });

        var options = services.GetRequiredService<LabellingQueueOptions>();

        Assert.Equal((TimeSpan.FromSeconds(150), 0.2), (options.LeaseDuration, options.OverlapFraction));
        Assert.NotNull(services.GetRequiredService<LabellingQueue>());
        Assert.NotNull(services.GetRequiredService<LabellingHistory>());
        Assert.NotNull(services.GetRequiredService<LabelReview>());
    }

    [Fact]
    public void An_overlap_fraction_above_one_is_refused()
    {
        using var services = Services(new() { ["Labelling:OverlapFraction"] = "1.5" });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<LabellingQueue>());
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddDbContextFactory<ClassifierDb>(o => ClassifierDbOptions.Configure(o, "Host=localhost;Database=unused"));
        return services.AddLabelling().BuildServiceProvider();
    }
}
