using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ProductClassifier.Training.Learning;

/// <summary>
/// TorchSharp's AdamW with the same state, options and arithmetic, but a step that holds every <see cref="Scalar"/> it
/// hands to native code until the call returns. TorchSharp 0.107's own step converts doubles to Scalars implicitly
/// (<c>param.mul_(1 - lr * weight_decay)</c>) and passes only their native handle on: the temporary is then
/// unreachable, and a garbage collection on another thread can finalise it — freeing the native scalar — while
/// libtorch still reads it. Training then fails now and then with "Unknown scalar type" or a failed check in
/// <c>c10::Scalar::toFloat</c>, or silently applies a garbage factor. Checkpoints are unchanged: the state is AdamW's.
/// </summary>
public sealed class HeldScalarAdamW(IEnumerable<Parameter> parameters, double learningRate, double weightDecay)
    : AdamW(parameters, learningRate, weight_decay: weightDecay)
{
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = (Options)group.Options;
        // AdamW's add_param_group fills every option of a group from the defaults.
        var (beta1, beta2, weightDecay, eps, lr) = (options.beta1.GetValueOrDefault(), options.beta2.GetValueOrDefault(),
            options.weight_decay.GetValueOrDefault(), options.eps.GetValueOrDefault(), options.LearningRate.GetValueOrDefault());
        var (amsgrad, maximize) = (options.amsgrad.GetValueOrDefault(), options.maximize.GetValueOrDefault());
        using var decay = (1 - lr * weightDecay).ToScalar();
        using var beta1Scalar = beta1.ToScalar();
        using var oneMinusBeta1 = (1 - beta1).ToScalar();
        using var beta2Scalar = beta2.ToScalar();
        using var oneMinusBeta2 = (1 - beta2).ToScalar();
        using var epsScalar = eps.ToScalar();

        foreach (var param in group.Parameters)
        {
            var state = (State)_state[param.Handle];
            var grad = param.grad;
            if (grad is null) continue;
            if (maximize) grad = -grad;
            state.step += 1;

            param.mul_(decay);
            var biasCorrection1 = 1 - Math.Pow(beta1, state.step);
            var biasCorrection2 = 1 - Math.Pow(beta2, state.step);
            state.exp_avg.mul_(beta1Scalar).add_(grad, alpha: oneMinusBeta1);
            state.exp_avg_sq.mul_(beta2Scalar).addcmul_(grad, grad, value: oneMinusBeta2);

            if (amsgrad)
            {
                var previous = state.max_exp_avg_sq;
                state.max_exp_avg_sq = maximum(previous, state.exp_avg_sq).DetachFromDisposeScope();
                previous.Dispose();
            }
            using var correction = Math.Sqrt(biasCorrection2).ToScalar();
            var denominator = (amsgrad ? state.max_exp_avg_sq : state.exp_avg_sq).sqrt().div_(correction).add_(epsScalar, HeldScalars.One);
            using var stepSize = (-lr / biasCorrection1).ToScalar();
            param.addcdiv_(state.exp_avg, denominator, value: stepSize);
        }
    }, closure);
}
