namespace ProductClassifier.Core.Features.Pretrained;

/// <summary>Settings of <see cref="ImageFeaturizer"/>.</summary>
public sealed record ImageFeaturizerOptions
{
    /// <summary>Independent single-threaded model sessions run side by side; one per core by default.</summary>
    public int Sessions { get; init; } = Environment.ProcessorCount;

    /// <summary>Run on ONNX Runtime's CUDA execution provider when the loaded runtime has it and it starts.</summary>
    public bool PreferCuda { get; init; } = true;

    /// <summary>A DnnImageModels folder; by default the one beside the application.</summary>
    public string? ModelDirectory { get; init; }
}
