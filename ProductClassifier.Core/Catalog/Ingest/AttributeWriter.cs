using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ProductClassifier.Core.Catalog.Ingest;

/// <summary>Builds a product's attributes object, reusing one buffer for every row. Empty and null values are left out.</summary>
internal sealed class AttributeWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _writer;

    public AttributeWriter() => _writer = new Utf8JsonWriter(_buffer,
        new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });

    public void Begin()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
    }

    public void Add(string key, string value)
    {
        var trimmed = value.AsSpan().Trim();
        if (!trimmed.IsEmpty) _writer.WriteString(key, trimmed);
    }

    public void Add(string key, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null) return;
        _writer.WritePropertyName(key);
        value.WriteTo(_writer);
    }

    public string End()
    {
        _writer.WriteEndObject();
        _writer.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }
}
