using System.Text;
using System.Text.Json;

namespace KoreHistory.Client;

/// <summary>
/// One JSON object exactly as the API sent it, every field included. Keeps its UTF-8 bytes and decodes only when
/// asked, so mapping a page does not copy each record into a string. A record's bytes are its own copy, not a slice of
/// its page (a getMessagesV2 page is some 25 MB, and one record kept would keep all of it); a component's are a slice of
/// its message's.
/// </summary>
public sealed class KoreRawJson
{
    private byte[] buffer;
    private int offset;
    private readonly int length;

    internal KoreRawJson(byte[] buffer, int offset, int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
    }

    // The bytes of one record of a page, copied out of it.
    internal static KoreRawJson CopyOf(byte[] page, int offset, int length)
    {
        var copy = new byte[length];
        Buffer.BlockCopy(page, offset, copy, 0, length);
        return new KoreRawJson(copy, 0, length);
    }

    // A slice of `page` becomes the same slice of `record`, a copy of page's bytes from `recordStart` on (a component's
    // bytes, once its message has been copied out of the page).
    internal void MoveInto(byte[] page, KoreRawJson record, int recordStart)
    {
        if (ReferenceEquals(buffer, page))
        {
            buffer = record.buffer;
            offset = offset - recordStart + record.offset;
        }
    }

    /// <summary>The object's UTF-8 bytes, as sent.</summary>
    public ReadOnlyMemory<byte> Utf8 => new(buffer, offset, length);

    // Internal: a JsonDocument of the module's private System.Text.Json is not the one PowerShell's scripts see.
    internal JsonDocument ToJsonDocument() => JsonDocument.Parse(Utf8);

    /// <summary>The raw JSON text of one top-level field, or null when the API did not send it.</summary>
    public string? GetFieldJson(string name)
    {
        using var document = ToJsonDocument();
        return document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty(name, out var value)
            ? value.GetRawText()
            : null;
    }

    /// <summary>The names of the object's top-level fields, in the order sent.</summary>
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

    /// <summary>The JSON text, as sent.</summary>
    public override string ToString() => Encoding.UTF8.GetString(buffer, offset, length);
}
