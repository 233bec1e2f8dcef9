using ProductClassifier.Core;
using ProductClassifier.Training.Learning;
using TorchSharp;
using static TorchSharp.torch;

namespace ProductClassifier.Tests.Training.Networks;

public sealed class TorchSharpLoadTests
{
    [Fact]
    public void Native_library_loads_and_runs_a_tensor_op()
    {
        // Fails with a DllNotFoundException when the GLIBCXX fix did not patch the copy in the build output.
        using var a = tensor(new float[] { 1, 2, 3, 4 }, [2, 2]);
        using var product = a.matmul(a);
        Assert.Equal([7f, 10f, 15f, 22f], product.data<float>().ToArray());
    }

    [Fact]
    public void Cpu_device_resolves_and_an_unknown_one_is_a_user_error()
    {
        Assert.Equal(DeviceType.CPU, TorchRuntime.ResolveDevice("cpu").type);
        Assert.Throws<UserFacingException>(() => TorchRuntime.ResolveDevice("abacus"));
        if (!cuda.is_available()) Assert.Throws<UserFacingException>(() => TorchRuntime.ResolveDevice("cuda:1"));
    }
}
