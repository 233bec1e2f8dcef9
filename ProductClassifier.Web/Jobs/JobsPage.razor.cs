using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Jobs;

namespace ProductClassifier.Web.Jobs;

/// <summary>The queue with live status and progress; start a training, a fine-tune round or predict-all; cancel; run a failed job again; a job's metrics.</summary>
public sealed partial class JobsPage
{
    private List<JobRow> _jobs = [];
    private JobRow? _selected;
    private List<JobEventMessage> _events = [];
    private Catalogue? _catalogue;

    [Inject] private IDbContextFactory<ClassifierDb> Dbs { get; set; } = default!;
    [Inject] private JobNotifier Notifier { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "catalogue")] public string? Catalogue { get; set; }

    protected override void OnInitialized() => Notifier.Received += OnJobEvent;

    protected override async Task OnParametersSetAsync()
    {
        await using var db = await Dbs.CreateDbContextAsync();
        _catalogue = await db.Catalogues.AnyAsync() ? await CatalogueStore.ResolveAsync(db, Catalogue) : null;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        if (_catalogue is null) return;
        await using var db = await Dbs.CreateDbContextAsync();
        _jobs = await db.Jobs.AsNoTracking().Where(j => j.CatalogueId == _catalogue.Id).OrderByDescending(j => j.Id).Take(50)
            .Select(j => new JobRow(j.Id, j.Kind, j.Status, j.Progress, j.ProgressText, j.CreatedAt, j.StartedAt, j.FinishedAt,
                j.WorkerId, j.Device, j.Error, j.CancelRequested)).ToListAsync();
        if (_selected is not null) _selected = _jobs.FirstOrDefault(j => j.Id == _selected.Id) ?? _selected;
    }

    private async Task StartAsync(string kind)
    {
        if (_catalogue is null) return;
        await using var db = await Dbs.CreateDbContextAsync();
        var job = await new JobQueue(db).EnqueueAsync(_catalogue.Id, kind);
        Snackbar.Add($"Job {job.Id} ({kind}) queued", Severity.Info);
        await LoadAsync();
    }

    private async Task CancelAsync(long jobId)
    {
        await using var db = await Dbs.CreateDbContextAsync();
        await new JobQueue(db).CancelAsync(jobId);
        await LoadAsync();
    }

    private async Task RetryAsync(long jobId)
    {
        await using var db = await Dbs.CreateDbContextAsync();
        try
        {
            var job = await new JobQueue(db).RetryAsync(jobId);
            Snackbar.Add($"Job {jobId} runs again as job {job.Id} ({job.Kind})", Severity.Info);
        }
        catch (Core.UserFacingException e)
        {
            Snackbar.Add(e.Message, Severity.Warning);
        }
        await LoadAsync();
    }

    private async Task SelectAsync(JobRow job)
    {
        _selected = job;
        await using var db = await Dbs.CreateDbContextAsync();
        _events = [.. await JobHistory.ReadAsync(db, job.Id, CancellationToken.None)];
    }

    private void OnJobEvent(JobEventMessage message) => _ = InvokeAsync(async () =>
    {
        if (message.JobId == _selected?.Id && _events.All(e => e.EventId != message.EventId)) _events = [.. _events, message];
        var index = _jobs.FindIndex(j => j.Id == message.JobId);
        if (message.Type == JobEventKinds.Progress && index >= 0)
        {
            var progress = message.ToProgress();
            _jobs[index] = _jobs[index] with { Progress = progress.Progress, ProgressText = progress.Text ?? _jobs[index].ProgressText };
        }
        else if (message.Type == JobEventKinds.Status) await LoadAsync();
        StateHasChanged();
    });

    private static Color ColorOf(JobStatus status) => status switch
    {
        JobStatus.Running => Color.Info,
        JobStatus.Succeeded => Color.Success,
        JobStatus.Failed => Color.Error,
        JobStatus.Cancelled => Color.Warning,
        _ => Color.Default,
    };

    private static string RanFor(JobRow job) => job.StartedAt is { } start
        ? ((job.FinishedAt ?? DateTime.UtcNow) - start).ToString(@"hh\:mm\:ss") : "";

    public void Dispose() => Notifier.Received -= OnJobEvent;
}

/// <summary>A job as the page lists it.</summary>
public sealed record JobRow(long Id, string Kind, JobStatus Status, double Progress, string? ProgressText, DateTime CreatedAt,
    DateTime? StartedAt, DateTime? FinishedAt, string? WorkerId, string? Device, string? Error, bool CancelRequested);
