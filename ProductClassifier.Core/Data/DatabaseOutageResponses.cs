using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ProductClassifier.Core.Data;

/// <summary>
/// While the database cannot be reached (a restart), requests that need it are answered 503 with <c>Retry-After</c>
/// instead of 500: the process keeps serving and answers normally again as soon as the database is back. Programs
/// (JSON, the classify API, the web app's <c>/api</c>) get a problem document; a person's browser gets a short page
/// that loads itself again after the pause.
/// </summary>
public static class DatabaseOutageResponses
{
    public const int RetryAfterSeconds = 5;

    public const string Message = "The database cannot be reached just now; try again in a few seconds.";

    /// <summary>Registers the middleware; put it before anything that may read the database (authentication included).</summary>
    public static void UseDatabaseOutageResponses(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (DatabaseOutage.IsOutage(e) && !context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            if (WantsPage(context.Request))
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(Page);
            }
            else
            {
                await TypedResults.Problem(Message, statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
            }
        }
    });

    /// <summary>A browser navigating to a page (it accepts HTML and is not calling an API), rather than a program.</summary>
    private static bool WantsPage(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api")
        && request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    private static readonly string Page =
        $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="{RetryAfterSeconds}">
        <title>Reconnecting…</title></head>
        <body style="font-family: sans-serif; margin: 3rem">
        <h1 data-testid="database-outage">Reconnecting…</h1>
        <p>{Message} This page loads itself again in {RetryAfterSeconds} seconds.</p>
        </body></html>
        """;
}
