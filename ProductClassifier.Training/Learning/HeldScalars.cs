using TorchSharp;
using static TorchSharp.torch;

namespace ProductClassifier.Training.Learning;

/// <summary>
/// Scalars for tensor arithmetic that no garbage collection can free while libtorch reads them. TorchSharp turns a
/// number passed where a <see cref="Scalar"/> is expected — and the hidden alpha of <c>a + b</c>, which is
/// <c>a.add(b, 1)</c> — into a temporary whose native handle is all it passes on; a collection on another thread
/// (the worker's heartbeat, the classify API's requests) can finalise that temporary mid-call, and the operation then
/// fails with "Unknown scalar type" or silently uses a garbage value. Training and inference code therefore passes
/// these, which live as long as the process, or holds a value known only at run time with <c>using var</c>.
/// </summary>
internal static class HeldScalars
{
    public static readonly Scalar Zero = 0.ToScalar();
    public static readonly Scalar One = 1.ToScalar();

    /// <summary><c>a + b</c>.</summary>
    public static Tensor Plus(this Tensor a, Tensor b) => a.add(b, One);

    /// <summary><c>1 - t</c>.</summary>
    public static Tensor OneMinus(this Tensor t) => t.neg().add_(One, One);
}
