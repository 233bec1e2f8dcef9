using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ProductClassifier.Core.Health;

/// <summary>
/// Liveness and readiness of the web app and the classify API, for container health checks and load balancers:
/// <c>/health/live</c> answers 200 while the process serves requests (no check runs: a restart would not mend a lost
/// database); <c>/health/ready</c> runs the checks tagged <see cref="Ready"/> (the database is reachable and migrated,
/// and what the process serves is loaded) and answers 200 or 503, with each check's result as JSON.
/// </summary>
public static class HealthEndpoints
{
    public const string LivePath = "/health/live", ReadyPath = "/health/ready", Ready = "ready";

    /// <summary>Registers the health checks with the database check; add the process's own with <c>.AddCheck&lt;T&gt;(name, tags: [Ready])</c>.</summary>
    public static IHealthChecksBuilder AddReadinessChecks(this IServiceCollection services) =>
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [Ready]);

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync }).AllowAnonymous();
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, JsonSerializerOptions.Web));
    }
}
