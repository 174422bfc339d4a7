namespace KoreHistory.Client;

// One part of a message: text, a template, an attachment... ContentType is the API's cT.
public sealed class KoreComponent
{
    internal KoreComponent(string? id, string contentType, string? data, KoreRawJson raw)
    {
        Id = id;
        ContentType = contentType;
        Data = data;
        Raw = raw;
        Text = ReadableText.Of(contentType, data);
    }

    public string? Id { get; }

    public string ContentType { get; }

    // data.text exactly as sent (for a template, the template's JSON).
    public string? Data { get; }

    // Readable: plain text as is; a template summarised; other content types as "[type]".
    public string Text { get; }

    internal KoreRawJson Raw { get; }

    /// <summary>The component exactly as the API sent it.</summary>
    public string GetRawJson() => Raw.ToString();

    public override string ToString() => Text;
}
