namespace ProductClassifier.Core;

/// <summary>
/// Bad input or state that the user can fix: the command line prints the message alone, without a stack trace.
/// Messages name what and where (file, line, field).
/// </summary>
public class UserFacingException(string message, Exception? inner = null) : Exception(message, inner);
