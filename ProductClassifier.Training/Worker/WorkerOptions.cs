using System.ComponentModel.DataAnnotations;

namespace ProductClassifier.Training.Worker;

/// <summary>Configuration section "Worker".</summary>
public sealed class WorkerOptions
{
    public string WorkerId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Job kinds this worker takes; empty: all it knows.</summary>
    public string[] Kinds { get; set; } = [];

    [Range(0.05, 60)] public double PollSeconds { get; set; } = 1;
    [Range(0.05, 60)] public double HeartbeatSeconds { get; set; } = 1;

    /// <summary>A running job without a heartbeat for this long is taken to have lost its worker.</summary>
    [Range(1, 3600)] public double StaleAfterSeconds { get; set; } = 30;
    [Range(1, 100)] public int MaxAttempts { get; set; } = 3;

    /// <summary>Rewritten after every successful poll and heartbeat (<see cref="WorkerHeartbeat"/>); null: none.</summary>
    public string? HeartbeatFile { get; set; }

    /// <summary>cpu, cuda, cuda:N; null: CUDA when present.</summary>
    public string? Device { get; set; }
}
