using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ProductClassifier.Core.Access;
using ProductClassifier.Web.Jobs;

namespace ProductClassifier.Web.Access;

/// <summary>
/// Sign-in for people (Identity cookie) and programs (API key), one default scheme choosing between them per request,
/// and the first admin from configuration.
/// </summary>
internal static class SignInExtensions
{
    private const string CookieOrApiKey = "CookieOrApiKey";

    /// <summary>Where the keys that sign cookies are kept; unset: ASP.NET Core's default (the user profile).</summary>
    public const string KeysFolderKey = "DataProtection:KeysFolder";

    public static void AddSignIn(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCascadingAuthenticationState();
        services.AddClassifierIdentityCore().AddSignInManager();
        services.AddScoped<UserAccounts>();
        services.AddOptions<FirstAdminOptions>().BindConfiguration(FirstAdminOptions.Section);
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieOrApiKey;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddPolicyScheme(CookieOrApiKey, "Cookie or API key", o => o.ForwardDefaultSelector = context =>
                ApiKeyAuthenticationHandler.KeyOf(context.Request) is null ? IdentityConstants.ApplicationScheme : ApiKeyAuthenticationHandler.Name)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.Name, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.AccessDeniedPath = "/account/denied";
            o.ExpireTimeSpan = TimeSpan.FromDays(7);
            o.SlidingExpiration = true;
            // Programs (the HTTP APIs, the hubs) get status codes; people get the sign-in and access-denied pages.
            o.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorization();
        // A container's profile dies with it, and replicas each make their own keys: sign-ins then end at every
        // deployment and fail on the replica that did not sign them. A shared folder (a volume) keeps one key ring.
        if (builder.Configuration[KeysFolderKey] is { Length: > 0 } keys)
            services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keys)).SetApplicationName("ProductClassifier");
        builder.AddAccessChecks();
    }

    /// <summary>
    /// Changes to accounts and keys reach sessions already open: cookies, pages and hub connections ask again every
    /// <see cref="AccessOptions.RevalidationInterval"/>. Sign-in failures are limited per client, key requests per key.
    /// </summary>
    private static void AddAccessChecks(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SecurityStampValidatorOptions>().Configure<IOptions<AccessOptions>>((stamps, access) =>
            stamps.ValidationInterval = access.Value.RevalidationInterval);
        services.AddSingleton<AccessCheck>();
        services.AddScoped<AuthenticationStateProvider, CircuitRevalidation>();
        services.AddSingleton<OpenHubConnections>();
        services.AddHostedService(sp => sp.GetRequiredService<OpenHubConnections>());
        services.AddSingleton<HubAccessFilter>();
        services.AddSignalR().AddHubOptions<TrainingHub>(o => o.AddFilter<HubAccessFilter>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SignInThrottle>();
        services.AddApiKeyRateLimits();
    }

    public static IEndpointRouteBuilder MapSignOut(this IEndpointRouteBuilder app)
    {
        // The form posts no fields for the endpoint to bind, so nothing checks its antiforgery token unless it does:
        // without the check another site could sign a person out with a hidden form.
        app.MapPost("/account/logout", async Task<Results<RedirectHttpResult, ProblemHttpResult>> (HttpContext context, IAntiforgery antiforgery,
            SignInManager<IdentityUser> signIn) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
                return TypedResults.Problem("The sign-out form's antiforgery token is missing or wrong: sign out from the app's own menu.",
                    statusCode: StatusCodes.Status400BadRequest, title: "Sign-out refused");
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/account/login");
        });
        return app;
    }

    /// <summary>The admin named in configuration (<c>FirstAdmin:UserName</c>, <c>FirstAdmin:Password</c>), created when missing.</summary>
    public static async Task EnsureFirstAdminAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<FirstAdminOptions>>().Value;
        if (string.IsNullOrWhiteSpace(options.UserName) || string.IsNullOrWhiteSpace(options.Password)) return;
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (await users.FindByNameAsync(options.UserName) is not null) return;
        await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync(options.UserName, Roles.Admin, options.Password);
        app.Logger.LogInformation("Created the first admin '{User}' from configuration", options.UserName);
    }

    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsProgram(context.Request)) context.Response.StatusCode = status;
        else context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>Requests from programs (the HTTP APIs, the hubs): they get bare status codes, never pages.</summary>
    public static bool IsProgram(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/hubs");
}
