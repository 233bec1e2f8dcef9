using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProductClassifier.Core;
using ProductClassifier.Core.Access;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Models;

namespace ProductClassifier.Training.Serving;

/// <summary>
/// The classify API (`./pc serve`, port 5001 under ./run): <c>POST /api/classify</c> with one product or an array,
/// answered with categories and probabilities from the catalogue's active model. Needs an API key (<c>X-Api-Key</c>);
/// OpenAPI document at <c>/openapi/v1.json</c>. Hosted by Training, so models stay out of the web process.
/// </summary>
public static class ServeHost
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static WebApplication Build(string connectionString, IConfiguration configuration, string urls)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddConfiguration(configuration);
        builder.WebHost.UseUrls(urls);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning); // one line per request is noise beside ./run
        builder.Services.AddDbContextFactory<ClassifierDb>(o => ClassifierDbOptions.Configure(o, connectionString));
        builder.Services.AddSingleton(ModelStore.FromConfiguration(builder.Configuration));
        builder.Services.AddSingleton<ClassifierService>();
        builder.Services.AddOpenApi();

        var app = builder.Build();
        app.MapOpenApi();
        app.MapGroup("/api").AddEndpointFilter(RequireApiKeyAsync)
            .MapPost("/classify", ClassifyAsync)
            .WithSummary("Classify one product, or an array of products, with the catalogue's active model")
            .Accepts<ClassifyRequest>("application/json")
            .Produces<ClassifyResponse>();
        return app;
    }

    private static async Task<Results<Ok<ClassifyResponse>, ProblemHttpResult>> ClassifyAsync(HttpRequest request,
        ClassifierService classifier, string? catalogue, CancellationToken ct)
    {
        List<ClassifyRequest> products;
        try
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, Json, ct);
            products = body.ValueKind == JsonValueKind.Array
                ? body.Deserialize<List<ClassifyRequest>>(Json) ?? []
                : [body.Deserialize<ClassifyRequest>(Json)!];
        }
        catch (JsonException e)
        {
            return TypedResults.Problem($"The body is not a product or an array of products: {e.Message}", statusCode: 400);
        }
        if (products.Count == 0) return TypedResults.Problem("No products to classify.", statusCode: 400);
        try
        {
            return TypedResults.Ok(await classifier.ClassifyAsync(catalogue, products, ct));
        }
        catch (UserFacingException e)
        {
            return TypedResults.Problem(e.Message, statusCode: 400);
        }
    }

    private static async ValueTask<object?> RequireApiKeyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var databases = http.RequestServices.GetRequiredService<IDbContextFactory<ClassifierDb>>();
        await using var db = await databases.CreateDbContextAsync(http.RequestAborted);
        var key = await new ApiKeys(db).FindAsync(http.Request.Headers[ApiKeys.Header], http.RequestAborted);
        return key is null
            ? TypedResults.Problem($"An API key is required: send it in the {ApiKeys.Header} header (an admin issues keys).", statusCode: 401)
            : await next(context);
    }
}
