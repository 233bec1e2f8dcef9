using Microsoft.ML.OnnxRuntime;

namespace ProductClassifier.Core.Features.Pretrained;

/// <summary>
/// One ResNetPreprocess + ResNet18 pair with its own buffers. Both models fix the batch at 1, and one single-threaded
/// pair per core beats one pair with many intra-op threads (≈47 vs ≈23 images/s on 2 cores), so the featurizer
/// runs several of these side by side. Not thread-safe: one image at a time.
/// </summary>
internal sealed class ResNetSession : IDisposable
{
    private static readonly string[] PreprocessInputs = [ResNetModelFiles.PreprocessInput];
    private static readonly string[] PreprocessOutputs = [ResNetModelFiles.PreprocessOutput];
    private static readonly string[] ModelInputs = [ResNetModelFiles.ModelInput];
    private static readonly string[] ModelOutputs = [ResNetModelFiles.ModelOutput];
    private static readonly long[] ImageShape = [1, 3, ImageDecoder.Side, ImageDecoder.Side];

    private readonly SessionOptions options;
    private readonly InferenceSession preprocess;
    private readonly InferenceSession model;
    private readonly RunOptions runOptions = new();
    private readonly float[] output = new float[ImageFeaturizer.Dimensions];
    private readonly OrtValue[] pixelValue;
    private readonly OrtValue[] preprocessedValue;
    private readonly OrtValue[] outputValue;

    public ResNetSession(string preprocessPath, string modelPath, bool preferCuda)
    {
        (options, Provider) = CreateOptions(preferCuda);
        preprocess = new InferenceSession(preprocessPath, options);
        model = new InferenceSession(modelPath, options);
        pixelValue = [OrtValue.CreateTensorValueFromMemory(Pixels, ImageShape)];
        preprocessedValue = [OrtValue.CreateTensorValueFromMemory(new float[ImageDecoder.TensorSize], ImageShape)];
        outputValue = [OrtValue.CreateTensorValueFromMemory(output, [1, ImageFeaturizer.Dimensions, 1, 1])];
    }

    /// <summary>The input: 3×224×224 BGR values 0–255, written by <see cref="ImageDecoder"/>.</summary>
    public float[] Pixels { get; } = new float[ImageDecoder.TensorSize];

    /// <summary>"CUDA" or "CPU": the execution provider these sessions run on.</summary>
    public string Provider { get; }

    /// <summary>Runs both models on <see cref="Pixels"/> and writes the L2-normalised features.</summary>
    public void Run(Span<float> features)
    {
        preprocess.Run(runOptions, PreprocessInputs, pixelValue, PreprocessOutputs, preprocessedValue);
        model.Run(runOptions, ModelInputs, preprocessedValue, ModelOutputs, outputValue);
        var norm = MathF.Sqrt(output.Sum(v => v * v));
        for (var i = 0; i < output.Length; i++) features[i] = norm > 0 ? output[i] / norm : 0;
    }

    private static (SessionOptions, string) CreateOptions(bool preferCuda)
    {
        var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        if (!preferCuda || !OrtEnv.Instance().GetAvailableProviders().Contains("CUDAExecutionProvider"))
            return (options, "CPU");
        try
        {
            options.AppendExecutionProvider_CUDA(0);
            return (options, "CUDA");
        }
        // A GPU build of ONNX Runtime without a usable CUDA install or device: the CPU provider still works.
        catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
        {
            return (options, "CPU");
        }
    }

    public void Dispose()
    {
        foreach (var value in pixelValue.Concat(preprocessedValue).Concat(outputValue)) value.Dispose();
        runOptions.Dispose();
        model.Dispose();
        preprocess.Dispose();
        options.Dispose();
    }
}
