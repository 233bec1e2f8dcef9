using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ProductClassifier.Core.Access;

/// <summary>The people who sign in and their roles: created by an admin, <c>./pc users</c>, or the demo seed.</summary>
public sealed class UserAccounts(UserManager<IdentityUser> users, RoleManager<IdentityRole> roles)
{
    /// <summary>A user and the roles they hold.</summary>
    public sealed record Account(string Id, string UserName, IReadOnlyList<string> Roles, bool LockedOut);

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
        Check(await users.RemoveFromRolesAsync(user, current.Except(newRoles)), $"user '{userName}'");
        Check(await users.AddToRolesAsync(user, newRoles.Except(current)), $"user '{userName}'");
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
            accounts.Add(new Account(user.Id, user.UserName!, [.. await users.GetRolesAsync(user)],
                user.LockoutEnd is { } end && end > DateTimeOffset.UtcNow));
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
