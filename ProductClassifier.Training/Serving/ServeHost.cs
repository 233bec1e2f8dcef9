using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProductClassifier.Core;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Health;
using ProductClassifier.Core.ModelVersions;

namespace ProductClassifier.Training.Serving;

/// <summary>
/// The classify API (`./pc serve`, port 5001 under ./run): <c>POST /api/classify</c> with one product or an array,
/// answered with categories and probabilities from the catalogue's active model. Needs an API key (<c>X-Api-Key</c>) of
/// a role that may classify (<see cref="ClassifyKeys"/>); requests are checked (<see cref="ClassifyBody"/>) before any
/// model loads. OpenAPI document at <c>/openapi/v1.json</c>. Hosted by Training, so models stay out of the web process.
/// </summary>
public static class ServeHost
{
    public static WebApplication Build(string connectionString, IConfiguration configuration, string urls)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddConfiguration(configuration);
        builder.WebHost.UseUrls(urls);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning); // one line per request is noise beside ./run
        builder.Services.AddDbContextFactory<ClassifierDb>(o => ClassifierDbOptions.Configure(o, connectionString));
        builder.Services.AddSingleton(ModelStore.FromConfiguration(builder.Configuration));
        builder.Services.AddSingleton<ClassifierService>();
        builder.Services.AddOptions<ClassifyApiOptions>().BindConfiguration(ClassifyApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ClassifyKeys>();
        builder.Services.AddOpenApi();
        builder.Services.AddReadinessChecks().AddCheck<ActiveModelsHealthCheck>("models", tags: [HealthEndpoints.Ready]);

        var app = builder.Build();
        app.UseDatabaseOutageResponses();
        app.MapOpenApi();
        app.MapHealthEndpoints();
        app.MapGroup("/api").AddEndpointFilter(ClassifyKeys.FilterAsync)
            .MapPost("/classify", ClassifyAsync)
            .WithSummary("Classify one product, or an array of products, with the catalogue's active model")
            .Accepts<ClassifyRequest>("application/json")
            .Produces<ClassifyResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<Results<Ok<ClassifyResponse>, ValidationProblem, ProblemHttpResult>> ClassifyAsync(HttpRequest request,
        ClassifierService classifier, IOptions<ClassifyApiOptions> options, string? catalogue, CancellationToken ct)
    {
        var body = await ClassifyBody.ReadAsync(request, options.Value, ct);
        if (body.TooLarge)
            return TypedResults.Problem(body.Errors["$"][0], statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request is too large",
                extensions: new Dictionary<string, object?> { ["errors"] = body.Errors });
        if (body.Errors.Count > 0)
            return TypedResults.ValidationProblem(body.Errors, detail: string.Join(" ", body.Errors.Select(e => $"{e.Key}: {e.Value[0]}")));
        try
        {
            return TypedResults.Ok(await classifier.ClassifyAsync(catalogue, body.Products, ct));
        }
        catch (UserFacingException e)
        {
            return TypedResults.Problem(e.Message, statusCode: 400);
        }
    }
}
