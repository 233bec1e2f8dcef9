using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProductClassifier.Core.Access;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Training.Serving;

/// <summary>
/// The classify API's door: a key that works (not revoked or expired), of a role that may classify
/// (<see cref="Roles.MayClassify"/>), within its request budget (<see cref="ClassifyApiOptions.RequestsPerKey"/> per
/// <see cref="ClassifyApiOptions.RateWindow"/>). Refusals: 401, 403, 429 with Retry-After; all problem details.
/// </summary>
public sealed class ClassifyKeys(IOptions<ClassifyApiOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<int> _limits = PartitionedRateLimiter.Create<int, int>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        { PermitLimit = options.Value.RequestsPerKey, Window = options.Value.RateWindow, QueueLimit = 0 }));

    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var refusal = await http.RequestServices.GetRequiredService<ClassifyKeys>().RefusalAsync(http);
        return refusal ?? await next(context);
    }

    private async Task<ProblemHttpResult?> RefusalAsync(HttpContext http)
    {
        var databases = http.RequestServices.GetRequiredService<IDbContextFactory<ClassifierDb>>();
        await using var db = await databases.CreateDbContextAsync(http.RequestAborted);
        var key = await new ApiKeys(db).FindAsync(http.Request.Headers[ApiKeys.Header], http.RequestAborted);
        if (key is null)
            return TypedResults.Problem($"A valid API key is required: send it in the {ApiKeys.Header} header (an admin issues keys; " +
                "a revoked or expired key no longer works).", statusCode: StatusCodes.Status401Unauthorized);
        if (!Roles.MayClassify.Contains(key.Role))
            return TypedResults.Problem($"Key '{key.Name}' has the role {key.Role}, which may not classify: use a key of role " +
                $"{string.Join(", ", Roles.MayClassify)}.", statusCode: StatusCodes.Status403Forbidden);
        using var lease = _limits.AttemptAcquire(key.Id);
        if (lease.IsAcquired) return null;
        var retry = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : options.Value.RateWindow;
        http.Response.Headers.RetryAfter = Math.Ceiling(retry.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem($"Key '{key.Name}' made more than {options.Value.RequestsPerKey} requests in {options.Value.RateWindow}: " +
            $"wait {Math.Ceiling(retry.TotalSeconds):0} s.", statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests");
    }

    public void Dispose() => _limits.Dispose();
}
