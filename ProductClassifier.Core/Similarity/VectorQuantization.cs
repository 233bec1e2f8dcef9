namespace ProductClassifier.Core.Similarity;

/// <summary>How the embedded index stores each vector's components.</summary>
public enum VectorQuantization
{
    Float32,
    Float16,
    Int8,
}
