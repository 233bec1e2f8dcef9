namespace ProductClassifier.Core.Features.Pretrained;

/// <summary>
/// Where the ResNet18 ONNX models are: the Microsoft.ML.DnnImageFeaturizer.ResNet18 package copies its
/// DnnImageModels/ folder into the output folder of Core and of every project that references Core.
/// </summary>
internal static class ResNetModelFiles
{
    public const string PreprocessInput = "OriginalInput";
    public const string PreprocessOutput = "PreprocessedInput";
    public const string ModelInput = "Input247";
    public const string ModelOutput = "Pooling395_Output_0";

    public static (string Preprocess, string Model) Locate(string? directory)
    {
        var root = directory ?? Path.Combine(AppContext.BaseDirectory, "DnnImageModels");
        var preprocess = Path.Combine(root, "ResNetPrepOnnx", "ResNetPreprocess.onnx");
        var model = Path.Combine(root, "ResNet18Onnx", "ResNet18.onnx");
        foreach (var file in new[] { preprocess, model })
            if (!File.Exists(file))
                throw new FileNotFoundException(
                    $"ResNet18 ONNX model not found at {file}. The Microsoft.ML.DnnImageFeaturizer.ResNet18 package copies " +
                    "DnnImageModels/ to the build output of projects referencing ProductClassifier.Core: rebuild, " +
                    "or point ImageFeaturizerOptions.ModelDirectory at a DnnImageModels folder.", file);
        return (preprocess, model);
    }
}
