using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Web.Browser;

/// <summary>The browser site on a PostgreSQL server of its own, which a test may stop and start again under the app.</summary>
public sealed class OutageBrowserSite() : BrowserSite(new RestartablePostgres())
{
    public RestartablePostgres Postgres => (RestartablePostgres)Database;
}
