namespace ProductClassifier.Training.Serving;

/// <summary>A product of a request, checked: its fields, and its image decoded from base64 (null when none was sent).</summary>
public sealed record ClassifyProduct(ClassifyRequest Request, byte[]? Image);
