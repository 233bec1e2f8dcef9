using ProductClassifier.Core.Data;
using ProductClassifier.Core.Health;
using ProductClassifier.Web.Access;
using ProductClassifier.Web.Catalog;
using ProductClassifier.Web.Components;
using ProductClassifier.Web.Extensions;
using ProductClassifier.Web.Jobs;
using ProductClassifier.Web.ModelVersions;
using ProductClassifier.Web.Similarity;

var builder = WebApplication.CreateBuilder(args);
// Serve MudBlazor's and Blazor's assets from the build output in every environment, not only Development.
builder.WebHost.UseStaticWebAssets();
await builder.AddApplicationServicesAsync();

var app = builder.Build();
if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/Error", createScopeForErrors: true);
app.UseWhen(context => !SignInExtensions.IsProgram(context.Request),
    people => people.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
// A database restart: 503 and Retry-After (a page that reloads itself for people) instead of an error page.
app.UseDatabaseOutageResponses();
app.UseAuthentication();
app.UseRateLimiter(); // per API key (Access/ApiKeyRateLimits): after authentication, which tells the key
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapHealthEndpoints();
app.MapImageEndpoints();
app.MapSimilarityEndpoints();
app.MapModelEndpoints();
app.MapSignOut();
app.MapHub<TrainingHub>(TrainingHub.Path);
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.EnsureFirstAdminAsync();
await app.RunAsync();
