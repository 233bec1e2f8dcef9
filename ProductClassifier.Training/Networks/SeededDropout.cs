using TorchSharp;
using static TorchSharp.torch;

namespace ProductClassifier.Training.Networks;

/// <summary>
/// Dropout drawing from a generator of its own instead of libtorch's global one, so a training's random stream is
/// its own: seeded per epoch it makes a resumed run repeat the uninterrupted one, even while other trainings run
/// in the same process.
/// </summary>
internal sealed class SeededDropout(double probability) : nn.Module<Tensor, Tensor>("dropout")
{
    private Generator? generator;

    public void Reseed(long seed, Device device)
    {
        generator?.Dispose();
        generator = new Generator((ulong)seed, device);
    }

    public override Tensor forward(Tensor input)
    {
        if (!training || probability <= 0) return input;
        using var threshold = probability.ToScalar();
        using var scale = (1 - probability).ToScalar();
        var keep = rand(input.shape, device: input.device, generator: generator) >= threshold;
        return input * keep / scale;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) generator?.Dispose();
        base.Dispose(disposing);
    }
}
