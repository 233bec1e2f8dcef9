using ProductClassifier.Core;

namespace ProductClassifier.Training.Rounds;

/// <summary>Another finish of the same round (a second worker, a double click) registered its result first; this one changed nothing.</summary>
public sealed class RoundAlreadyFinishedException(string catalogue, int round)
    : UserFacingException($"Round {round} of '{catalogue}' was finished meanwhile by another job: nothing more was registered.");
