namespace ProductClassifier.Web.Access;

/// <summary>The first admin, from configuration (e.g. <c>FirstAdmin__UserName</c>, <c>FirstAdmin__Password</c>), created at start when missing.</summary>
internal sealed class FirstAdminOptions
{
    public const string Section = "FirstAdmin";

    public string? UserName { get; set; }
    public string? Password { get; set; }
}
