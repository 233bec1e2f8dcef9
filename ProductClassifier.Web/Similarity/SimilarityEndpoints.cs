using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using ProductClassifier.Core.Access;
using ProductClassifier.Web.Access;

namespace ProductClassifier.Web.Similarity;

/// <summary>
/// <c>GET /api/products/{id}/similar</c> and <c>POST /api/similar</c> (multipart image upload): visually similar
/// products, for any signed-in person or API key; categories as <see cref="LabelVisibility"/> lets the caller see them.
/// Refusals are RFC 9457 problem details.
/// </summary>
internal static class SimilarityEndpoints
{
    public const string ImageField = "image";

    // Room for the multipart boundaries and headers around the file.
    private const long FormOverhead = 64 * 1024;

    public static IEndpointRouteBuilder MapSimilarityEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(new AuthorizeAttribute { Roles = Roles.AnyRole });
        api.MapGet("/products/{id:long}/similar", LikeProductAsync);
        // Reads the form itself (no IFormFile parameter), so there is no antiforgery check to switch off: the
        // endpoint changes nothing, and programs calling it hold no antiforgery token.
        var limit = app.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<SimilaritySearchOptions>>().Value.MaxUploadBytes;
        api.MapPost("/similar", LikeImageAsync).WithMetadata(new RequestSizeLimitAttribute(limit + FormOverhead));
        return app;
    }

    internal static async Task<Results<Ok<SimilarResponse>, ValidationProblem, ProblemHttpResult>> LikeProductAsync(
        long id, int? k, string? category, ClaimsPrincipal user, SimilaritySearch search, CancellationToken ct)
    {
        try
        {
            return TypedResults.Ok(await search.LikeProductAsync(id, k ?? 10, category, LabelVisibility.SeesLabels(user), ct));
        }
        catch (SimilarityFailure failure)
        {
            return Problem(failure);
        }
    }

    internal static async Task<Results<Ok<SimilarResponse>, ValidationProblem, ProblemHttpResult>> LikeImageAsync(
        HttpRequest request, string? catalogue, int? k, string? category, ClaimsPrincipal user, SimilaritySearch search, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            return Invalid(ImageField, $"Send the image as multipart/form-data, in a file field named '{ImageField}'.");
        var limit = search.Options.MaxUploadBytes;
        if (request.ContentLength > limit + FormOverhead) return TooLarge(search.TooLarge(request.ContentLength.Value));
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(search.TooLarge(null));
        }
        catch (InvalidDataException e)
        {
            return Invalid(ImageField, $"The multipart form could not be read: {e.Message}");
        }
        if (form.Files.GetFile(ImageField) is not { } file)
            return Invalid(ImageField, form.Files.Count == 0
                ? $"No file in the form: send the image in a file field named '{ImageField}'."
                : $"No file field named '{ImageField}' (the form has {string.Join(", ", form.Files.Select(f => $"'{f.Name}'"))}).");
        if (file.Length > limit) return TooLarge(search.TooLarge(file.Length));
        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(bytes, ct);
        try
        {
            return TypedResults.Ok(await search.LikeImageAsync(catalogue, bytes, k ?? 10, category, LabelVisibility.SeesLabels(user), ct));
        }
        catch (SimilarityFailure failure)
        {
            return Problem(failure);
        }
    }

    private static Results<Ok<SimilarResponse>, ValidationProblem, ProblemHttpResult> Problem(SimilarityFailure failure) => failure.Kind switch
    {
        SimilarityFailureKind.UnknownProduct or SimilarityFailureKind.UnknownCatalogue =>
            TypedResults.Problem(failure.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found"),
        SimilarityFailureKind.NoEmbedding =>
            TypedResults.Problem(failure.Message, statusCode: StatusCodes.Status409Conflict, title: "No image embedding yet"),
        SimilarityFailureKind.LabelsHidden => TypedResults.Problem(failure.Message, statusCode: StatusCodes.Status403Forbidden,
            title: "Only admins see labels", extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [failure.Field] = [failure.Message] } }),
        _ => Invalid(failure.Field, failure.Message),
    };

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: message);

    private static ProblemHttpResult TooLarge(string message) =>
        TypedResults.Problem(message, statusCode: StatusCodes.Status413PayloadTooLarge, title: "The image is too large",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [ImageField] = [message] } });
}
