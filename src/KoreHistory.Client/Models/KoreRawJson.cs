using System.Text;
using System.Text.Json;

namespace KoreHistory.Client;

// One JSON object exactly as the API sent it, every field included. Keeps a slice of the page's UTF-8
// bytes and decodes only when asked, so mapping a page does not copy each record into a string.
public sealed class KoreRawJson
{
    private readonly byte[] buffer;
    private readonly int offset;
    private readonly int length;

    internal KoreRawJson(byte[] buffer, int offset, int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
    }

    public static KoreRawJson Parse(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        using (JsonDocument.Parse(bytes))
        {
        }

        return new KoreRawJson(bytes, 0, bytes.Length);
    }

    public ReadOnlyMemory<byte> Utf8 => new(buffer, offset, length);

    // Internal: a JsonDocument of the module's private System.Text.Json is not the one PowerShell's scripts see.
    internal JsonDocument ToJsonDocument() => JsonDocument.Parse(Utf8);

    // The raw JSON text of one top-level field, or null when the API did not send it.
    public string? GetFieldJson(string name)
    {
        using var document = ToJsonDocument();
        return document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty(name, out var value)
            ? value.GetRawText()
            : null;
    }

    public IReadOnlyList<string> FieldNames
    {
        get
        {
            using var document = ToJsonDocument();
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.EnumerateObject().Select(p => p.Name).ToArray()
                : [];
        }
    }

    public override string ToString() => Encoding.UTF8.GetString(buffer, offset, length);
}
