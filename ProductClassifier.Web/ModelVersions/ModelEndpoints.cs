using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Access;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.ModelVersions;

namespace ProductClassifier.Web.ModelVersions;

/// <summary>
/// <c>GET /api/models/evaluation?catalogue=NAME&amp;version=N</c>: a version's stored evaluation as a JSON file, the shape
/// <c>./pc evaluate --json</c> writes. Data scientists and admins (cookie or API key).
/// </summary>
internal static class ModelEndpoints
{
    public const string EvaluationPath = "/api/models/evaluation";

    public static string EvaluationUrl(string catalogue, int version) =>
        $"{EvaluationPath.TrimStart('/')}?catalogue={Uri.EscapeDataString(catalogue)}&version={version}";

    public static IEndpointRouteBuilder MapModelEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(EvaluationPath, EvaluationAsync).RequireAuthorization(new AuthorizeAttribute { Roles = Roles.Science });
        return app;
    }

    internal static async Task<Results<FileContentHttpResult, NotFound<string>>> EvaluationAsync(string catalogue, int version,
        IDbContextFactory<ClassifierDb> dbs, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var id = await db.ModelVersions.AsNoTracking()
            .Where(v => v.Number == version && db.Catalogues.Any(c => c.Id == v.CatalogueId && c.Name == catalogue))
            .Select(v => (int?)v.Id).SingleOrDefaultAsync(ct);
        var stored = id is { } versionId ? await StoredEvaluation.JsonAsync(db, versionId, ct) ?? "{}" : null;
        if (stored is null) return TypedResults.NotFound($"Catalogue '{catalogue}' has no model version {version}.");
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(stored), "application/json", $"{catalogue}-v{version}-evaluation.json");
    }
}
