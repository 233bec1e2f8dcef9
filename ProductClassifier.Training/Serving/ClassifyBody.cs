using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using ProductClassifier.Core.Features.Pretrained;

namespace ProductClassifier.Training.Serving;

/// <summary>
/// Reads and checks a classify request before any model is touched: one product object or an array of them, within
/// <see cref="ClassifyApiOptions"/>' limits. Each refusal names where it is, as a JSON path: <c>$</c> the body,
/// <c>$[3]</c> the fourth product of an array, <c>$[3].image</c> its image (<c>$.image</c> for a single product).
/// </summary>
public static class ClassifyBody
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The products, or the refusals by path; <c>TooLarge</c> when the body passed <see cref="ClassifyApiOptions.MaxRequestBytes"/>.</summary>
    public sealed record Result(IReadOnlyList<ClassifyProduct> Products, Dictionary<string, string[]> Errors, bool TooLarge);

    public static async Task<Result> ReadAsync(HttpRequest request, ClassifyApiOptions options, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Result Refused(string path, string message, bool tooLarge = false)
        {
            errors[path] = [message];
            return new Result([], errors, tooLarge);
        }

        var limit = options.MaxRequestBytes;
        if (request.ContentLength > limit) return Refused("$", $"The body is {request.ContentLength:N0} bytes; the limit is {limit:N0}.", tooLarge: true);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
        JsonElement body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, Json, ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Refused("$", $"The body is larger than {limit:N0} bytes.", tooLarge: true);
        }
        catch (JsonException e)
        {
            return Refused("$", $"The body is not JSON: {e.Message}");
        }

        var array = body.ValueKind == JsonValueKind.Array;
        List<JsonElement>? items = array ? [.. body.EnumerateArray()] : body.ValueKind == JsonValueKind.Object ? [body] : null;
        if (items is null) return Refused("$", $"The body is {Describe(body)}: send a product object or an array of them.");
        if (items.Count == 0) return Refused("$", "No products to classify: the array is empty.");
        if (items.Count > options.MaxProducts)
            return Refused("$", $"{items.Count:N0} products in one request; at most {options.MaxProducts:N0} (classify a whole feed with ./pc jobs predict).");

        var products = new List<ClassifyProduct>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var path = array ? $"$[{i}]" : "$";
            if (items[i].ValueKind != JsonValueKind.Object)
            {
                errors[path] = [$"The product is {Describe(items[i])}: each product must be an object."];
                continue;
            }
            ClassifyRequest product;
            try
            {
                product = items[i].Deserialize<ClassifyRequest>(Json)!;
            }
            catch (JsonException e)
            {
                errors[e.Path is { Length: > 1 } inner ? path + inner[1..] : path] = [e.Message];
                continue;
            }
            if (Image(product.Image, path + ".image", options, errors) is var (ok, image) && ok) products.Add(new ClassifyProduct(product, image));
        }
        return new Result(errors.Count == 0 ? products : [], errors, false);
    }

    /// <summary>The image's bytes when it is valid base64 of a decodable image within the limits (or absent).</summary>
    private static (bool Ok, byte[]? Image) Image(string? base64, string path, ClassifyApiOptions options, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(base64)) return (true, null);
        if (base64.Length / 4L * 3 > options.MaxImageBytes + 3)
            return Refuse($"The image is about {base64.Length / 4L * 3:N0} bytes; at most {options.MaxImageBytes:N0}.");
        byte[] bytes;
        try { bytes = Convert.FromBase64String(base64); }
        catch (FormatException) { return Refuse("Not valid base64."); }
        if (bytes.Length > options.MaxImageBytes) return Refuse($"The image is {bytes.Length:N0} bytes; at most {options.MaxImageBytes:N0}.");
        // The header only: a 50-megapixel image is refused here, before decoding it would take 200 MB.
        var header = ImageHeader.Read(bytes);
        if (header is null) return Refuse($"Not a decodable image ({bytes.Length:N0} bytes): send a JPEG, PNG, WebP, GIF or BMP.");
        if (header.Pixels > options.MaxImagePixels || !header.IsDecodable)
            return Refuse($"The image is {header}; at most {Math.Min(options.MaxImagePixels, ImageHeader.MaxPixels) / 1e6:0.#} megapixels.");
        return (true, bytes);

        (bool, byte[]?) Refuse(string message)
        {
            errors[path] = [message];
            return (false, null);
        }
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "null",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };
}
