using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Training.Serving;

/// <summary>
/// While the database cannot be reached (a restart), requests that need it are answered 503 with <c>Retry-After</c>
/// instead of 500: the process keeps serving and answers normally again as soon as the database is back.
/// </summary>
internal static class DatabaseOutageResponses
{
    public const int RetryAfterSeconds = 5;

    public static void UseDatabaseOutageResponses(this WebApplication app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (DatabaseOutage.IsOutage(e) && !context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await TypedResults.Problem("The database cannot be reached just now; try again in a few seconds.", statusCode: 503)
                .ExecuteAsync(context);
        }
    });
}
