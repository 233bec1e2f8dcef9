using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Core.Access;

/// <summary>ASP.NET Core Identity over the classifier's database, shared by the web app and <c>./pc users</c>.</summary>
public static class IdentitySetup
{
    /// <summary>Users and roles stored in <see cref="ClassifierDb"/>; the web app adds sign-in on top.</summary>
    public static IdentityBuilder AddClassifierIdentityCore(this IServiceCollection services) =>
        services.AddIdentityCore<IdentityUser>(o =>
            {
                // Long passphrases over character-class rules (NIST SP 800-63B). Guessing is slowed per client by the
                // web app's sign-in limit, not by locking the account: anyone could keep a known account name locked.
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ClassifierDb>();
}
