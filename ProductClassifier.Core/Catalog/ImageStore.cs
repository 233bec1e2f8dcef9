using Microsoft.Extensions.Configuration;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Core.Catalog;

/// <summary>
/// Where product images live: <c>{Root}/{catalogue name}/{Product.ImageRef}</c>. The root is configuration
/// <c>Images:Root</c>, by default <c>.data/images</c> under the project root. Importers copy images in; the
/// web app serves them.
/// </summary>
public sealed class ImageStore(string root)
{
    public const string RootKey = "Images:Root";

    public string Root { get; } = Path.GetFullPath(root);

    public static ImageStore FromConfiguration(IConfiguration configuration) =>
        new(configuration[RootKey] is { Length: > 0 } root ? root : ProjectRoot.DataFolder("images"));

    /// <summary>The folder of one catalogue's images.</summary>
    public string CatalogueFolder(string catalogue) => Path.Combine(Root, catalogue);

    /// <summary>
    /// The file an image reference names, or null when the reference is a URL or would leave the
    /// catalogue's folder (a feed must not be able to point the web app at arbitrary files).
    /// </summary>
    public string? PathOf(string catalogue, string imageRef)
    {
        if (Uri.TryCreate(imageRef, UriKind.Absolute, out var uri) && !uri.IsFile) return null;
        var folder = Path.GetFullPath(CatalogueFolder(catalogue)) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(folder, imageRef));
        return path.StartsWith(folder, StringComparison.Ordinal) ? path : null;
    }
}
