using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using ProductClassifier.Core;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Similarity;
using ProductClassifier.Web.Labelling;

namespace ProductClassifier.Web.Similarity;

/// <summary>
/// Admins browse visual similarity: a product's (or an uploaded image's) nearest products, optionally in one category;
/// in evaluation mode they judge each neighbour and see precision@k per category. The address holds the product,
/// category, k and mode; an upload lives in the page until another product is picked.
/// </summary>
public sealed partial class SimilarPage : IDisposable
{
    private static readonly int[] KChoices = [5, 10, 20, 50];

    private readonly CancellationTokenSource _disposed = new();
    private CancellationTokenSource? _load;
    private Catalogue? _catalogue;
    private IReadOnlyList<PickerCategory> _categories = [];
    private ProductSummary? _query;
    private PickerCategory? _category;
    private (string Name, byte[] Bytes)? _upload;
    private SimilarResponse? _response;
    private Dictionary<long, bool> _verdicts = [];
    private SimilarityPrecision? _precision;
    private BlindComparison? _blind;
    private BlindPrecision? _blindPrecision;
    private EmbeddingChoiceState? _embedding;
    private int _depth = 1;
    private string? _error;
    private bool _loading;

    [Inject] private SimilaritySearch Search { get; set; } = default!;
    [Inject] private SimilarityIndexes Indexes { get; set; } = default!;
    [Inject] private TaxonomyCache Taxonomies { get; set; } = default!;
    [Inject] private IDbContextFactory<ClassifierDb> Dbs { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "catalogue")] public string? Catalogue { get; set; }
    [SupplyParameterFromQuery(Name = "product")] public long? Product { get; set; }
    [SupplyParameterFromQuery(Name = "category")] public int? Category { get; set; }
    [SupplyParameterFromQuery(Name = "k")] public int? K { get; set; }
    [SupplyParameterFromQuery(Name = "evaluate")] public bool? Evaluate { get; set; }
    [SupplyParameterFromQuery(Name = "blind")] public bool? BlindQuery { get; set; }

    private int KValue => Math.Clamp(K ?? 10, 1, Search.Options.MaxK);
    private bool Evaluating => Evaluate == true;

    /// <summary>Evaluation as a blind comparison of the two embeddings (product searches only).</summary>
    private bool Blind => Evaluating && BlindQuery == true;

    protected override async Task OnParametersSetAsync()
    {
        if (Product is not null) _upload = null;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _load?.Cancel();
        _load = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
        var ct = _load.Token;
        _loading = true;
        _error = null;
        try
        {
            await using (var db = await Dbs.CreateDbContextAsync(ct))
            {
                _catalogue = await CatalogueStore.ResolveAsync(db, Catalogue, ct);
                _embedding = await EmbeddingChoice.StateAsync(db, _catalogue.Id, Indexes.Options.Embedding, ct);
            }
            _categories = await Taxonomies.GetAsync(_catalogue.Id, ct);
            _category = _categories.FirstOrDefault(c => c.Id == Category);
            var category = _category?.Id.ToString(CultureInfo.InvariantCulture);
            _blind = Blind && Product is { } compared ? await Search.CompareBlindAsync(compared, KValue, category, ct) : null;
            _response = (Product, _upload) switch
            {
                _ when _blind is not null => _blind.Response,
                // The page is the admins' (who see labels); the API decides per caller.
                ({ } product, _) => await Search.LikeProductAsync(product, KValue, category, withLabels: true, ct),
                (null, { } upload) => await Search.LikeImageAsync(_catalogue.Name, upload.Bytes, KValue, category, withLabels: true, ct),
                _ => null,
            };
            _query = _response?.Query;
            await LoadJudgementsAsync(ct);
        }
        catch (UserFacingException e)
        {
            (_error, _response, _blind) = (e.Message, null, null);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // A newer choice replaced this one.
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task LoadJudgementsAsync(CancellationToken ct)
    {
        if (!Evaluating || _catalogue is null) return;
        await using var db = await Dbs.CreateDbContextAsync(ct);
        var depth = _depth == 0 ? (int?)null : _depth;
        if (Blind)
        {
            var judge = await UserNameAsync();
            _verdicts = _blind?.Response.Query is { } compared ? await BlindJudgements.ForQueryAsync(db, judge, compared.Id, ct) : [];
            _blindPrecision = await BlindJudgements.PrecisionAsync(db, _catalogue.Id, KValue, depth, ct);
            return;
        }
        _verdicts = _response?.Query is { } query ? await SimilarityJudgements.ForQueryAsync(db, query.Id, ct) : [];
        _precision = await SimilarityJudgements.PrecisionAsync(db, _catalogue.Id, KValue, depth, ct);
    }

    private async Task<IEnumerable<ProductSummary>> FindProductsAsync(string? text, CancellationToken ct) =>
        _catalogue is null ? [] : await Search.FindProductsAsync(_catalogue.Id, text, 20, ct);

    private Task<IEnumerable<PickerCategory>> FindCategoriesAsync(string? text, CancellationToken ct) =>
        Task.FromResult(_categories.Where(c => string.IsNullOrWhiteSpace(text) || c.Path.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase)));

    private void ProductChosen(ProductSummary? product)
    {
        if (product is null) return;
        _upload = null;
        Navigate("product", product.Id);
    }

    private void CategoryChosen(PickerCategory? category) => Navigate("category", category?.Id);

    private void KChosen(int k) => Navigate("k", k == 10 ? null : k);

    private void EvaluatingChanged(bool on) => Navigate("evaluate", on ? true : null);

    private void BlindChanged(bool on) => Navigate("blind", on ? true : null);

    private async Task DepthChosen(int depth)
    {
        _depth = depth;
        await LoadJudgementsAsync(_disposed.Token);
    }

    private async Task UploadAsync(IBrowserFile? file)
    {
        if (file is null) return;
        var limit = Search.Options.MaxUploadBytes;
        if (file.Size > limit)
        {
            _error = Search.TooLarge(file.Size);
            return;
        }
        using var buffer = new MemoryStream();
        await using (var stream = file.OpenReadStream(limit, _disposed.Token)) await stream.CopyToAsync(buffer, _disposed.Token);
        _upload = (file.Name, buffer.ToArray());
        if (Product is null) await LoadAsync();
        else Navigate("product", null); // the address stops naming a product; loading there searches by the upload
    }

    private async Task JudgeAsync((SimilarItem Item, bool? Verdict) judged)
    {
        if (_response?.Query is not { } query) return;
        var judge = await UserNameAsync();
        try
        {
            await using var db = await Dbs.CreateDbContextAsync(_disposed.Token);
            if (_blind is { } blind)
            {
                // Credited to the embedding that showed the neighbour, which the judge never saw.
                if (judged.Verdict is { } verdict)
                    await BlindJudgements.SaveAsync(db, judge, query.Id, blind.Teams[judged.Item.Id], judged.Item.Rank, blind.CategoryId, verdict, _disposed.Token);
                else
                    await BlindJudgements.RemoveAsync(db, judge, query.Id, judged.Item.Id, _disposed.Token);
            }
            else if (judged.Verdict is { } similar)
                await SimilarityJudgements.SaveAsync(db, judge, query.Id, judged.Item.Id, judged.Item.Rank, similar, _disposed.Token);
            else
                await SimilarityJudgements.RemoveAsync(db, query.Id, judged.Item.Id, _disposed.Token);
        }
        catch (UserFacingException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
        await LoadJudgementsAsync(_disposed.Token);
    }

    /// <summary>Chooses the catalogue's embedding: its index is built by a job, and searches use it once published.</summary>
    private async Task ChooseEmbeddingAsync(SimilarityEmbedding embedding)
    {
        if (_catalogue is null || embedding == _embedding?.Chosen) return;
        var admin = await UserNameAsync();
        try
        {
            await using var db = await Dbs.CreateDbContextAsync(_disposed.Token);
            var job = await EmbeddingChoice.ChooseAsync(db, _catalogue, embedding, admin, _disposed.Token);
            Snackbar.Add($"{Name(embedding)} embedding chosen: job {job.Id} builds its index, then searches use it.", Severity.Info);
        }
        catch (UserFacingException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
        await LoadAsync();
    }

    private static string Name(SimilarityEmbedding embedding) => embedding.ToString().ToLowerInvariant();

    private async Task<string> UserNameAsync() => (await Authentication).User.Identity?.Name ?? "unknown";

    private void Navigate(string name, object? value) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter(name, value switch
        {
            null => (string?)null,
            bool b => b ? "true" : null,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        }));

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        _load?.Dispose();
    }
}
