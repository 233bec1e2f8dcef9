using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MudBlazor;
using ProductClassifier.Core;
using ProductClassifier.Core.ActiveLearning;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Labelling;
using ProductClassifier.Web.Jobs;

namespace ProductClassifier.Web.Rounds;

/// <summary>
/// Data scientists run labelling rounds here: open one, watch it fill, finish it (the fine-tune job's curves stream in),
/// or let the catalogue continue by itself; the history and the macro-F1 curve beside a simulation's.
/// </summary>
public sealed partial class RoundsPage : IDisposable
{
    private const long MaxCurvesBytes = 4 << 20;
    private static readonly string[] Strategies = [.. Enum.GetValues<QueryStrategy>().Select(s => s.ToName())];

    private readonly CancellationTokenSource _disposed = new();
    private Catalogue? _catalogue;
    private string? _message, _simulation, _curveError;
    private RoundSettings? _settings;
    private OpenRound? _open;
    private RoundJob? _openJob, _fineTune;
    private JobRow? _fineTuneRow;
    private List<JobEventMessage> _events = [];
    private IReadOnlyList<RoundRow> _history = [];
    private IReadOnlyList<string> _simulationRuns = [];
    private (string Name, IReadOnlyList<CurvePoint> Points)? _simulated;
    private List<CurveSeries> _curves = [];
    private bool _busy, _interactive, _openNext = true;

    [Inject] private RoundOverview Overview { get; set; } = default!;
    [Inject] private SimulationRuns Runs { get; set; } = default!;
    [Inject] private IOptions<RoundsOptions> Options { get; set; } = default!;
    [Inject] private JobNotifier Notifier { get; set; } = default!;
    [Inject] private IDbContextFactory<ClassifierDb> Dbs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "catalogue")] public string? Catalogue { get; set; }

    protected override void OnInitialized()
    {
        Notifier.Received += OnJobEvent;
        _simulationRuns = Runs.List();
    }

    protected override async Task OnParametersSetAsync()
    {
        await using (var db = await Dbs.CreateDbContextAsync(_disposed.Token))
        {
            try
            {
                _catalogue = await db.Catalogues.AnyAsync(_disposed.Token) ? await CatalogueStore.ResolveAsync(db, Catalogue, _disposed.Token) : null;
            }
            catch (UserFacingException e)
            {
                (_catalogue, _message) = (null, e.Message);
            }
        }
        if (_catalogue is null) return;
        _settings = await Overview.SettingsAsync(_catalogue.Id, _disposed.Token);
        await LoadAsync(history: true);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender) return;
        _interactive = true;
        StateHasChanged();
        _ = RefreshAsync(_disposed.Token);
    }

    /// <summary>The open round's figures and the jobs, every few seconds; the history when they moved.</summary>
    private async Task RefreshAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Options.Value.RefreshInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
                await InvokeAsync(async () =>
                {
                    await LoadAsync(history: false);
                    StateHasChanged();
                });
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    private async Task LoadAsync(bool history)
    {
        if (_catalogue is null) return;
        var ct = _disposed.Token;
        var open = await Overview.OpenRoundAsync(_catalogue.Id, ct);
        var (openJob, fineTune) = await Overview.LatestJobsAsync(_catalogue.Id, ct);
        history |= open?.BatchId != _open?.BatchId || open?.Decided != _open?.Decided || openJob?.Status != _openJob?.Status
            || fineTune?.Id != _fineTune?.Id || fineTune?.Status != _fineTune?.Status;
        if (fineTune is not null && fineTune.Id != _fineTune?.Id)
        {
            await using var db = await Dbs.CreateDbContextAsync(ct);
            _events = [.. await JobHistory.ReadAsync(db, fineTune.Id, ct)];
        }
        (_open, _openJob, _fineTune) = (open, openJob, fineTune);
        _fineTuneRow = fineTune is null ? null : new JobRow(fineTune.Id, fineTune.Kind, fineTune.Status, fineTune.Progress, fineTune.ProgressText,
            fineTune.CreatedAt, fineTune.StartedAt, fineTune.FinishedAt, null, null, fineTune.Error, false);
        if (!history) return;
        _history = await Overview.HistoryAsync(_catalogue.Id, ct);
        DrawCurves();
    }

    /// <summary>Live events of the fine-tune job on the page (its curves) and status changes of the round jobs.</summary>
    private void OnJobEvent(JobEventMessage message) => _ = InvokeAsync(async () =>
    {
        if (message.JobId == _fineTune?.Id)
        {
            if (_events.All(e => e.EventId != message.EventId)) _events = [.. _events, message];
            if (message.Type == "progress")
            {
                var progress = message.ToProgress();
                _fineTune = _fineTune with { Progress = progress.Progress, ProgressText = progress.Text ?? _fineTune.ProgressText };
            }
        }
        else if (message.JobId == _openJob?.Id && message.Type == "progress")
        {
            var progress = message.ToProgress();
            _openJob = _openJob with { Progress = progress.Progress, ProgressText = progress.Text ?? _openJob.ProgressText };
        }
        else if (message.Type != "status") return;
        if (message.Type == "status") await LoadAsync(history: true);
        StateHasChanged();
    });

    private Task OpenAsync() => ActAsync(async ct =>
    {
        var job = await Overview.QueueOpenAsync(_settings!, ct);
        Snackbar.Add($"Job {job.Id} queued: a worker picks {_settings!.BatchSize} products ({_settings.Strategy}).", Severity.Info);
    });

    private Task FinishAsync() => ActAsync(async ct =>
    {
        var job = await Overview.QueueFinishAsync(_catalogue!.Id, _openNext, ct);
        Snackbar.Add($"Job {job.Id} queued: fine-tuning on round {_open?.Round}'s labels.", Severity.Info);
    });

    private Task SetAutoContinueAsync(bool on) => ActAsync(async ct =>
    {
        _settings!.AutoContinue = on;
        var job = await Overview.SaveSettingsAsync(_settings, ct);
        Snackbar.Add(on ? "Rounds now continue by themselves" + (job is null ? "." : $": the open round is decided, job {job.Id} finishes it.")
            : "Rounds wait for you again.", Severity.Info);
    });

    /// <summary>One action at a time; a refused one (a job under way, a bad setting) says why.</summary>
    private async Task ActAsync(Func<CancellationToken, Task> action)
    {
        if (_busy || _catalogue is null) return;
        _busy = true;
        try
        {
            await action(_disposed.Token);
            await LoadAsync(history: true);
        }
        catch (UserFacingException e)
        {
            Snackbar.Add(e.Message, Severity.Warning);
            _settings = await Overview.SettingsAsync(_catalogue.Id, _disposed.Token);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ChooseSimulationAsync(string? run)
    {
        (_simulation, _curveError) = (run, null);
        try
        {
            _simulated = run is null ? null : (run, await Runs.ReadAsync(run, _disposed.Token));
        }
        catch (UserFacingException e)
        {
            (_simulated, _curveError) = (null, e.Message);
        }
        DrawCurves();
    }

    private async Task UploadSimulationAsync(IBrowserFile? file)
    {
        if (file is null) return;
        _curveError = null;
        try
        {
            if (file.Size > MaxCurvesBytes) throw new UserFacingException($"{file.Name} holds {file.Size:N0} bytes; a curves.csv is far smaller (at most {MaxCurvesBytes:N0}).");
            using var reader = new StreamReader(file.OpenReadStream(MaxCurvesBytes, _disposed.Token));
            _simulated = (file.Name, CurvesCsv.Parse(await reader.ReadToEndAsync(_disposed.Token), file.Name));
            _simulation = null;
        }
        catch (UserFacingException e)
        {
            _curveError = e.Message;
        }
        DrawCurves();
    }

    private void DrawCurves()
    {
        _curves = [];
        var app = RoundCurve.Of(_history);
        if (app.Count > 0) _curves.Add(new CurveSeries(_catalogue?.Name ?? "rounds", app));
        if (_simulated is { } simulated) _curves.AddRange(RoundCurve.Simulated(simulated.Points));
    }

    public void Dispose()
    {
        Notifier.Received -= OnJobEvent;
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
