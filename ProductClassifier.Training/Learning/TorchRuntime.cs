using ProductClassifier.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace ProductClassifier.Training.Learning;

/// <summary>Process-wide TorchSharp set-up: thread count and the device to run on.</summary>
public static class TorchRuntime
{
    private static int initialised;

    /// <summary>Uses every core for intra-op parallelism (libtorch's default can be lower in containers).</summary>
    public static void Initialise()
    {
        if (Interlocked.Exchange(ref initialised, 1) == 0) set_num_threads(Environment.ProcessorCount);
    }

    /// <summary>"cpu", "cuda", "cuda:1"…; null or "auto": CUDA when TorchSharp sees a GPU, else the CPU.</summary>
    public static Device ResolveDevice(string? name)
    {
        Initialise();
        if (string.IsNullOrWhiteSpace(name) || name == "auto") return cuda.is_available() ? CUDA : CPU;
        Device device;
        try { device = new Device(name); }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new UserFacingException($"Unknown device '{name}': use cpu, cuda or cuda:N.");
        }
        if (device.type == DeviceType.CUDA && !cuda.is_available())
            throw new UserFacingException($"Device '{name}' asked for, but TorchSharp sees no CUDA device (this build uses TorchSharp-cpu).");
        return device;
    }
}
