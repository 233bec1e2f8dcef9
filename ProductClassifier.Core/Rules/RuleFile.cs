using System.Text.Json;
using ProductClassifier.Core.Taxonomy;

namespace ProductClassifier.Core.Rules;

/// <summary>
/// Reads a rules file: a JSON array of <c>{"id", "category", "field", "terms"}</c>. Mistakes are a
/// <see cref="UserFacingException"/> naming the file, the rule (index and id) and the field. Keys it does
/// not know are ignored, so files may carry notes.
/// </summary>
public static class RuleFile
{
    /// <summary>Reads and checks the rules in <paramref name="file"/>.</summary>
    public static IReadOnlyList<RuleDefinition> Load(string file)
    {
        if (!File.Exists(file)) throw new UserFacingException($"Rules file '{file}' not found.");
        return Parse(File.ReadAllText(file), file);
    }

    /// <summary>Checks the rules in <paramref name="json"/>; <paramref name="source"/> names it in errors.</summary>
    public static IReadOnlyList<RuleDefinition> Parse(string json, string source)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }); }
        catch (JsonException e)
        {
            throw new UserFacingException($"{source}: not valid JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}: {e.Message}", e);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
                throw new UserFacingException($"{source}: expected a JSON array of rules, found {document.RootElement.ValueKind}.");
            var rules = new List<RuleDefinition>();
            var indexOfCode = new Dictionary<string, int>(StringComparer.Ordinal);
            var index = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                var rule = ParseRule(element, $"{source}: rules[{index}]");
                if (!indexOfCode.TryAdd(rule.Code, index))
                    throw new UserFacingException($"{source}: rules[{index}] (id '{rule.Code}'): id repeats rules[{indexOfCode[rule.Code]}].");
                rules.Add(rule);
                index++;
            }
            return rules;
        }
    }

    private static RuleDefinition ParseRule(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object) throw new UserFacingException($"{where}: expected an object, found {element.ValueKind}.");
        var code = Scalar(element, "id");
        if (string.IsNullOrWhiteSpace(code)) throw new UserFacingException($"{where}: field 'id' is missing or empty.");
        where = $"{where} (id '{code}')";

        var category = CategoryPath.Normalise([Scalar(element, "category")]);
        if (category.Length == 0) throw new UserFacingException($"{where}: field 'category' is missing or empty.");

        var fieldName = Scalar(element, "field");
        if (fieldName is null) throw new UserFacingException($"{where}: field 'field' is missing; use {RuleFields.Names}.");
        if (!RuleFields.TryParse(fieldName, out var field))
            throw new UserFacingException($"{where}: field 'field' has unknown value '{fieldName}'; use {RuleFields.Names}.");

        if (!element.TryGetProperty("terms", out var termsElement) || termsElement.ValueKind != JsonValueKind.Array)
            throw new UserFacingException($"{where}: field 'terms' is missing or not an array of strings.");
        var terms = new List<string>();
        var t = 0;
        foreach (var term in termsElement.EnumerateArray())
        {
            var text = term.ValueKind == JsonValueKind.String ? term.GetString()! : null;
            if (text is null || WordTokens.Of(text).Count == 0)
                throw new UserFacingException($"{where}: field 'terms', term [{t}] ({term.GetRawText()}) has no letters or digits.");
            terms.Add(text.Trim());
            t++;
        }
        if (terms.Count == 0) throw new UserFacingException($"{where}: field 'terms' is empty.");
        return new RuleDefinition(code.Trim(), CategoryPath.Join(category), field, terms);
    }

    private static string? Scalar(JsonElement element, string name) =>
        !element.TryGetProperty(name, out var value) ? null : value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
}
