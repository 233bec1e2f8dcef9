using Microsoft.JSInterop;

namespace ProductClassifier.Web.Grids;

/// <summary>Hands the browser a file made on the server (a grid's CSV), through <c>wwwroot/download.js</c>.</summary>
public sealed class Downloads(IJSRuntime js)
{
    public const string Module = "./download.js";

    public async Task SaveAsync(string fileName, string contentType, string content)
    {
        await using var module = await js.InvokeAsync<IJSObjectReference>("import", Module);
        await module.InvokeVoidAsync("save", fileName, contentType, content);
    }
}
