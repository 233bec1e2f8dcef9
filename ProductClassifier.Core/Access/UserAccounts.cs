using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ProductClassifier.Core.Access;

/// <summary>The people who sign in and their roles: created by an admin, <c>./pc users</c>, or the demo seed.</summary>
public sealed class UserAccounts(UserManager<IdentityUser> users, RoleManager<IdentityRole> roles)
{
    /// <summary>A user, the roles they hold, and whether an admin disabled the account.</summary>
    public sealed record Account(string Id, string UserName, IReadOnlyList<string> Roles, bool Disabled);

    /// <summary>Creates <paramref name="userName"/> with <paramref name="role"/>; a password is generated when none is given.</summary>
    /// <returns>The password to hand over (shown once: only its hash is stored).</returns>
    public async Task<string> CreateAsync(string userName, string role, string? password = null)
    {
        CheckRole(role);
        await EnsureRolesAsync();
        password ??= GeneratePassword();
        var user = new IdentityUser(userName);
        Check(await users.CreateAsync(user, password), $"user '{userName}'");
        Check(await users.AddToRoleAsync(user, role), $"user '{userName}'");
        return password;
    }

    /// <summary>Replaces the user's roles with <paramref name="newRoles"/>.</summary>
    public async Task SetRolesAsync(string userName, IReadOnlyCollection<string> newRoles)
    {
        foreach (var role in newRoles) CheckRole(role);
        await EnsureRolesAsync();
        var user = await FindAsync(userName);
        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Admin) && !newRoles.Contains(Roles.Admin)) await CheckAnotherAdminAsync(user, "take the Admin role from");
        Check(await users.RemoveFromRolesAsync(user, current.Except(newRoles)), $"user '{userName}'");
        Check(await users.AddToRolesAsync(user, newRoles.Except(current)), $"user '{userName}'");
        // A new stamp ends the user's sessions at their next check (cookies, open pages, hub connections), so the new
        // roles take effect at once rather than when the cookie expires.
        Check(await users.UpdateSecurityStampAsync(user), $"user '{userName}'");
    }

    /// <summary>
    /// Disables the account: it can no longer sign in, and its sessions end at their next check (within the web app's
    /// revalidation interval). Its password and roles are kept for <see cref="EnableAsync"/>.
    /// </summary>
    /// <exception cref="UserFacingException">No such user, or it is the only enabled admin.</exception>
    public async Task DisableAsync(string userName)
    {
        var user = await FindAsync(userName);
        if (await users.IsInRoleAsync(user, Roles.Admin)) await CheckAnotherAdminAsync(user, "disable");
        // Identity's lockout until the end of time is how a disabled account is kept: failed passwords lock no account
        // (the web app limits sign-in attempts per client instead), so a lockout only ever comes from here.
        Check(await users.SetLockoutEnabledAsync(user, true), $"user '{userName}'");
        Check(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue), $"user '{userName}'");
        Check(await users.UpdateSecurityStampAsync(user), $"user '{userName}'");
    }

    /// <summary>Lets a disabled account sign in again, with the password and roles it had.</summary>
    public async Task EnableAsync(string userName)
    {
        var user = await FindAsync(userName);
        Check(await users.SetLockoutEndDateAsync(user, null), $"user '{userName}'");
        Check(await users.ResetAccessFailedCountAsync(user), $"user '{userName}'");
    }

    /// <summary>Sets a new password (generated when none is given) and returns it.</summary>
    public async Task<string> ResetPasswordAsync(string userName, string? password = null)
    {
        var user = await FindAsync(userName);
        password ??= GeneratePassword();
        Check(await users.RemovePasswordAsync(user), $"user '{userName}'");
        Check(await users.AddPasswordAsync(user, password), $"user '{userName}'");
        return password;
    }

    public async Task<IReadOnlyList<Account>> ListAsync(CancellationToken ct = default)
    {
        var all = await users.Users.OrderBy(u => u.UserName).ToListAsync(ct);
        var accounts = new List<Account>(all.Count);
        foreach (var user in all)
            accounts.Add(new Account(user.Id, user.UserName!, [.. await users.GetRolesAsync(user)], IsDisabled(user)));
        return accounts;
    }

    /// <summary>True when nobody can sign in yet.</summary>
    public async Task<bool> NoneAsync(CancellationToken ct = default) => !await users.Users.AnyAsync(ct);

    /// <summary>One account per role (<c>labeller</c>, <c>scientist</c>, <c>admin</c>) when the database has no users yet.</summary>
    /// <returns>The accounts created with their passwords; empty when users existed already.</returns>
    public async Task<IReadOnlyList<(string UserName, string Role, string Password)>> SeedDemoAccountsAsync(CancellationToken ct = default)
    {
        if (!await NoneAsync(ct)) return [];
        var created = new List<(string, string, string)>();
        foreach (var (name, role) in new[] { ("labeller", Roles.Labeller), ("scientist", Roles.DataScientist), ("admin", Roles.Admin) })
            created.Add((name, role, await CreateAsync(name, role)));
        return created;
    }

    /// <summary>A random passphrase of 4 groups of 4 lowercase letters and digits (about 82 bits).</summary>
    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var groups = Enumerable.Range(0, 4).Select(_ => new string(RandomNumberGenerator.GetItems<char>(alphabet, 4)));
        return string.Join('-', groups);
    }

    private static bool IsDisabled(IdentityUser user) => user.LockoutEnd is { } end && end > DateTimeOffset.UtcNow;

    /// <summary>Refuses to leave the app without an enabled admin (the command line could still repair it, the web app not).</summary>
    private async Task CheckAnotherAdminAsync(IdentityUser user, string verb)
    {
        var others = (await users.GetUsersInRoleAsync(Roles.Admin)).Where(a => a.Id != user.Id && !IsDisabled(a));
        if (!others.Any()) throw new UserFacingException($"Cannot {verb} '{user.UserName}': it is the only enabled admin. Make another admin first.");
    }

    private async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) Check(await roles.CreateAsync(new IdentityRole(role)), $"role '{role}'");
    }

    private async Task<IdentityUser> FindAsync(string userName) =>
        await users.FindByNameAsync(userName) ?? throw new UserFacingException($"No user '{userName}'.");

    private static void CheckRole(string role)
    {
        if (!Roles.All.Contains(role)) throw new UserFacingException($"Unknown role '{role}': use {string.Join(", ", Roles.All)}.");
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded) throw new UserFacingException($"{what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }
}
