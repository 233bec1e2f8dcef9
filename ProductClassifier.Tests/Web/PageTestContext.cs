using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using ProductClassifier.Core.Data;
using ProductClassifier.Tests.Infrastructure;
using ProductClassifier.Web.Grids;
using ProductClassifier.Web.Jobs;

namespace ProductClassifier.Tests.Web;

/// <summary>
/// bUnit for the pages: MudBlazor, the test's real database, the job notifier, and a signed-in user with a
/// role. Pages read their query (<c>?catalogue=…</c>) from the address they are opened at.
/// </summary>
internal static class PageTestContext
{
    /// <param name="services">Services a page needs beyond these, added before the renderer starts (bUnit refuses them after).</param>
    public static BunitContext Create(TestDatabase database, string role, Action<IServiceCollection>? services = null)
    {
        var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddSingleton<IDbContextFactory<ClassifierDb>>(new TestDbContextFactory(database));
        ctx.Services.AddSingleton<JobNotifier>();
        ctx.Services.AddScoped<Downloads>();
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized("sam");
        auth.SetRoles(role);
        services?.Invoke(ctx.Services);
        // As the circuit renders pages (the grids mark themselves interactive); after the services, as it builds the renderer.
        ctx.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return ctx;
    }

    /// <summary>Waits for <paramref name="assertion"/> to pass: pages load from Postgres, which takes more than bUnit's default second.</summary>
    public static void Eventually<TComponent>(this IRenderedComponent<TComponent> component, Action assertion) where TComponent : IComponent =>
        component.WaitForAssertion(assertion, TimeSpan.FromSeconds(30));

    /// <summary>Opens <typeparamref name="TPage"/> at <paramref name="address"/> (path and query), under a popover provider as the layout has.</summary>
    public static IRenderedComponent<TPage> Open<TPage>(this BunitContext ctx, string address) where TPage : IComponent
    {
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        var host = ctx.Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<TPage>(1);
            builder.CloseComponent();
        });
        return host.FindComponent<TPage>();
    }
}
