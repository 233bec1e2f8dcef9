using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ProductClassifier.Core.Catalog.Ingest;

/// <summary>Hash of a product's mapped content: equal content, equal hash, whatever the column order of the feed.</summary>
internal static class ContentHash
{
    [ThreadStatic] private static ArrayBufferWriter<byte>? _scratch;

    public static string Of(string externalId, string? merchant, string? title, string? description, string? brand,
        decimal? price, string? currency, string? imageRef, string? feedCategory, string attributes)
    {
        var buffer = _scratch ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        foreach (var part in (ReadOnlySpan<string?>)[externalId, merchant, title, description, brand,
                     price?.ToString("0.00", CultureInfo.InvariantCulture), currency, imageRef, feedCategory, attributes])
        {
            // Length-prefixed, so null, "" and shifted boundaries all hash differently.
            var length = part is null ? -1 : Encoding.UTF8.GetByteCount(part);
            BitConverter.TryWriteBytes(buffer.GetSpan(4), length);
            buffer.Advance(4);
            if (length > 0) buffer.Advance(Encoding.UTF8.GetBytes(part, buffer.GetSpan(length)));
        }
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(buffer.WrittenSpan, hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
