using ProductClassifier.Training.Learning;
using ProductClassifier.Training.Networks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ProductClassifier.Training.Ensemble;

/// <summary>
/// The stacked ensemble's learner: per category, a logistic regression over the members' logits for that category
/// (it does not read the rule firings: the members do). Starts as the mean of the members' logits,
/// so it begins where averaging is and moves only where out-of-fold evidence says a member is better or worse.
/// </summary>
internal sealed class MetaLearner : nn.Module<ModelInput, Tensor>
{
    public const string Architecture = "meta";

    /// <summary>Dense block holding each product's member logits, member-major: [member × category].</summary>
    public const string MembersBlock = "ensemble.members";

    private readonly Parameter memberWeights;
    private readonly Parameter bias;
    private readonly long members;
    private readonly long categories;

    public MetaLearner(FeatureShapes shapes) : base(Architecture)
    {
        categories = shapes.Categories;
        members = shapes.Dense[MembersBlock] / categories;
        using var share = (1.0f / members).ToScalar();
        memberWeights = nn.Parameter(full(members, categories, share));
        bias = nn.Parameter(zeros(categories));
        RegisterComponents();
    }

    public override Tensor forward(ModelInput input) =>
        (input.Dense[MembersBlock].view(-1, members, categories) * memberWeights).sum(1).Plus(bias);
}
