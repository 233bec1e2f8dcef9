using Bunit;
using MudBlazor.Services;
using ProductClassifier.Core.Taxonomy;
using ProductClassifier.Web.Labelling;

namespace ProductClassifier.Tests.Web.Labelling;

internal static class LabellingTestContext
{
    /// <summary>A bUnit context with MudBlazor's services; JS calls nobody set up answer with defaults.</summary>
    public static BunitContext Create()
    {
        var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        return ctx;
    }

    /// <summary>A parsed taxonomy as the picker takes it, numbered in file order (parents first).</summary>
    public static List<PickerCategory> Categories(TaxonomyTree tree)
    {
        var idOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var categories = new List<PickerCategory>(tree.Count);
        foreach (var node in tree.Nodes)
        {
            var id = idOf[node.Path] = categories.Count + 1;
            categories.Add(new PickerCategory(id, node.ParentPath is null ? null : idOf[node.ParentPath], node.Name, node.Path, node.Depth));
        }
        return categories;
    }

    /// <summary>A taxonomy from "A > B > C" lines (missing parents created).</summary>
    public static List<PickerCategory> Categories(params string[] paths) =>
        Categories(TaxonomyParser.Parse(new StringReader(string.Join('\n', paths)), "test", TaxonomyFormat.Plain));

    public static int IdOf(this IEnumerable<PickerCategory> categories, string path) => categories.Single(c => c.Path == path).Id;
}
