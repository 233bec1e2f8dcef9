using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using ProductClassifier.Core;
using ProductClassifier.Core.Access;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Web.Admin;

/// <summary>Admins create users, set their roles, reset passwords, and issue and revoke API keys.</summary>
public sealed partial class UsersPage
{
    private IReadOnlyList<UserAccounts.Account> _accounts = [];
    private List<ApiKey> _keys = [];
    private string? _newUser, _keyName;
    private string _newRole = Roles.Labeller, _keyRole = Roles.Labeller, _keyExpiry = "90d";
    private string? _me;
    private (string What, string Value)? _secret;

    [Inject] private UserAccounts Accounts { get; set; } = default!;
    [Inject] private IDbContextFactory<ClassifierDb> Dbs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    /// <summary>A key's lifetime choices (<see cref="ApiKeyLifetime"/> notation) and how the page says them.</summary>
    private static readonly (string Value, string Label)[] ExpiryChoices =
        [("7d", "7 days"), ("30d", "30 days"), ("90d", "90 days"), ("1y", "1 year"), ("never", "never")];

    protected override async Task OnInitializedAsync()
    {
        _me = (await Authentication).User.Identity?.Name;
        await LoadAsync();
    }

    private static string Expiry(ApiKey key) => key.ExpiresAt switch
    {
        null => "never expires",
        { } at when at <= DateTime.UtcNow => "expired",
        { } at => $"expires {at.ToLocalTime():d}",
    };

    private async Task LoadAsync()
    {
        _accounts = await Accounts.ListAsync();
        await using var db = await Dbs.CreateDbContextAsync();
        _keys = await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.Id).ToListAsync();
    }

    private Task CreateUserAsync() => Attempt(async () =>
    {
        var password = await Accounts.CreateAsync(_newUser!.Trim(), _newRole);
        _secret = ($"Password of {_newUser}", password);
        _newUser = null;
    });

    private Task SetRoleAsync(UserAccounts.Account account, string role, bool on) => Attempt(() =>
        Accounts.SetRolesAsync(account.UserName, on ? [.. account.Roles, role] : account.Roles.Where(r => r != role).ToList()));

    private Task ResetPasswordAsync(string userName) => Attempt(async () =>
        _secret = ($"New password of {userName}", await Accounts.ResetPasswordAsync(userName)));

    // The admin's own account has no Disable button: disabling it would sign them out of this very page.
    private Task DisableAsync(string userName) => Attempt(() => Accounts.DisableAsync(userName));

    private Task EnableAsync(string userName) => Attempt(() => Accounts.EnableAsync(userName));

    private Task IssueKeyAsync() => Attempt(async () =>
    {
        await using var db = await Dbs.CreateDbContextAsync();
        var (key, secret) = await new ApiKeys(db).IssueAsync(_keyName!.Trim(), _keyRole, ApiKeyLifetime.Parse(_keyExpiry));
        var expires = key.ExpiresAt is { } at ? $", expires {at.ToLocalTime():g}" : ", never expires";
        _secret = ($"API key '{key.Name}' ({key.Role}{expires}), sent as {ApiKeys.Header}", secret);
        _keyName = null;
    });

    private Task RevokeAsync(int keyId) => Attempt(async () =>
    {
        await using var db = await Dbs.CreateDbContextAsync();
        await db.ApiKeys.Where(k => k.Id == keyId).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, DateTime.UtcNow));
    });

    private async Task Attempt(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (UserFacingException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
        await LoadAsync();
    }
}
