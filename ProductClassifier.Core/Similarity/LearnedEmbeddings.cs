using System.Collections.Concurrent;

namespace ProductClassifier.Core.Similarity;

/// <summary>
/// The newest learned embedding head of each catalogue under the model store, loaded once per version: what turns an
/// uploaded image's pretrained features into the learned embedding when <c>Similarity:Embedding</c> is Learned.
/// </summary>
public sealed class LearnedEmbeddings(string modelsRoot)
{
    private readonly ConcurrentDictionary<string, LearnedEmbedding> _loaded = new();

    /// <summary>The catalogue's newest head, or null when none was trained.</summary>
    public LearnedEmbedding? Latest(string catalogue) =>
        LearnedEmbedding.Versions(modelsRoot, catalogue) is { Count: > 0 } versions
            ? _loaded.GetOrAdd(versions[^1].Folder, LearnedEmbedding.Load)
            : null;
}
