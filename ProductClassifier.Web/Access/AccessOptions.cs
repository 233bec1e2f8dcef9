using System.ComponentModel.DataAnnotations;

namespace ProductClassifier.Web.Access;

/// <summary>How quickly changes to accounts and keys reach open sessions, and how hard sign-in and keys may be used.</summary>
internal sealed class AccessOptions
{
    public const string Section = "Access";

    /// <summary>
    /// How often a session asks the database whether its sign-in still holds (account enabled, roles unchanged, key not
    /// revoked or expired): a cookie on its next request, an open page and an open hub connection on their own. A
    /// disabled account or a role change takes effect within this time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Failed sign-ins one client (IP address) may make per <see cref="SignInWindow"/> before it must wait.</summary>
    [Range(1, 100_000)]
    public int SignInFailuresPerClient { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Requests one API key may make per <see cref="ApiKeyWindow"/> (HTTP APIs, images, hub connections).</summary>
    [Range(1, 1_000_000)]
    public int ApiKeyRequests { get; set; } = 600;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ApiKeyWindow { get; set; } = TimeSpan.FromMinutes(1);
}
