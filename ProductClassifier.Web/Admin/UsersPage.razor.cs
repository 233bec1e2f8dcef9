using Microsoft.AspNetCore.Components;
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
    private string _newRole = Roles.Labeller, _keyRole = Roles.Labeller;
    private (string What, string Value)? _secret;

    [Inject] private UserAccounts Accounts { get; set; } = default!;
    [Inject] private IDbContextFactory<ClassifierDb> Dbs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync();

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

    private Task IssueKeyAsync() => Attempt(async () =>
    {
        await using var db = await Dbs.CreateDbContextAsync();
        var (key, secret) = await new ApiKeys(db).IssueAsync(_keyName!.Trim(), _keyRole);
        _secret = ($"API key '{key.Name}' ({key.Role}), sent as {ApiKeys.Header}", secret);
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
