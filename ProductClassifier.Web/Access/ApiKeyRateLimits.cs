using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ProductClassifier.Web.Access;

/// <summary>
/// Requests signed in by an API key are limited per key (<see cref="AccessOptions.ApiKeyRequests"/> per
/// <see cref="AccessOptions.ApiKeyWindow"/>), so one program cannot starve the app; people's requests are not.
/// Refusals are 429 problem details with <c>Retry-After</c>. Needs <c>UseRateLimiter</c> after <c>UseAuthentication</c>.
/// </summary>
internal static class ApiKeyRateLimits
{
    public static IServiceCollection AddApiKeyRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<AccessOptions>>((limits, access) =>
        {
            var (requests, window) = (access.Value.ApiKeyRequests, access.Value.ApiKeyWindow);
            limits.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, int>(context =>
                ApiKeyAuthenticationHandler.KeyIdOf(context.User) is { } key
                    ? RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                    { PermitLimit = requests, Window = window, QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter(0));
            limits.OnRejected = (rejected, ct) =>
            {
                var http = rejected.HttpContext;
                var retry = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : window;
                http.Response.Headers.RetryAfter = Math.Ceiling(retry.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                return new ValueTask(TypedResults.Problem(
                    $"This API key made more than {requests} requests in {window}: wait {Math.Ceiling(retry.TotalSeconds):0} s.",
                    statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests").ExecuteAsync(http));
            };
        });
        return services;
    }
}
