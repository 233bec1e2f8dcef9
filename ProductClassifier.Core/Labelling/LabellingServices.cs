using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ProductClassifier.Core.Labelling;

/// <summary>Registers the labelling services for a host that has registered <see cref="IDbContextFactory{ClassifierDb}"/>.</summary>
public static class LabellingServices
{
    /// <summary>
    /// <see cref="LabellingQueue"/>, <see cref="LabellingHistory"/> and <see cref="LabelReview"/> as singletons, with
    /// <see cref="LabellingQueueOptions"/> bound from the <c>Labelling</c> section and validated at start-up.
    /// </summary>
    public static IServiceCollection AddLabelling(this IServiceCollection services)
    {
        services.AddOptions<LabellingQueueOptions>().BindConfiguration(LabellingQueueOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<LabellingQueueOptions>>().Value);
        services.AddSingleton<LabellingQueue>();
        services.AddSingleton<LabellingHistory>();
        services.AddSingleton<LabelReview>();
        return services;
    }
}
