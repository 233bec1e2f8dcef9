using Microsoft.Extensions.DependencyInjection;

namespace ProductClassifier.Core.Similarity;

public static class SimilarityServices
{
    /// <summary>
    /// Binds <see cref="SimilarityOptions"/> to the <c>Similarity</c> section (validated at start-up) and registers
    /// <see cref="SimilarityIndexes"/>, <see cref="LearnedEmbeddings"/> (under <c>Models:Root</c>) and <see cref="SimilarProducts"/> as singletons.
    /// </summary>
    public static IServiceCollection AddSimilarity(this IServiceCollection services)
    {
        services.AddOptions<SimilarityOptions>().BindConfiguration(SimilarityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SimilarityIndexes>();
        services.AddSingleton(sp => new LearnedEmbeddings(
            ModelVersions.ModelStore.FromConfiguration(sp.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()).Root));
        services.AddSingleton<SimilarProducts>();
        return services;
    }
}
