namespace KoreHistory.Client;

/// <summary>One part of a message: text, a template, an attachment... ContentType is the API's cT.</summary>
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

    /// <summary>The component's _id.</summary>
    public string? Id { get; }

    /// <summary>The API's cT: text, template, attachment… as sent.</summary>
    public string ContentType { get; }

    /// <summary>data.text exactly as sent (for a template, the template's JSON).</summary>
    public string? Data { get; }

    /// <summary>Readable: plain text as is; a template summarised; other content types as "[type]".</summary>
    public string Text { get; }

    internal KoreRawJson Raw { get; }

    /// <summary>The component exactly as the API sent it.</summary>
    public string GetRawJson() => Raw.ToString();

    /// <summary><see cref="Text"/>.</summary>
    public override string ToString() => Text;
}
