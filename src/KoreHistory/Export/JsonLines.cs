namespace KoreHistory.Export;

/// JSON Lines: the API's own JSON, one record a line. A raw line break can only be whitespace between JSON tokens (in
/// a string it would be escaped), so replacing CR and LF with spaces changes no value.
internal sealed class JsonLines<T> : RecordLines<T>
{
    private static readonly char[] LineBreaks = ['\r', '\n'];
    private readonly Func<T, string> rawJson;

    public JsonLines(Func<T, string> rawJson)
    {
        this.rawJson = rawJson;
    }

    public override string Extension => ".jsonl";

    public override byte[] Header => [];

    public override byte[] Line(T record)
    {
        var json = rawJson(record);
        if (json.IndexOfAny(LineBreaks) >= 0)
        {
            json = json.Replace('\r', ' ').Replace('\n', ' ');
        }
        return Utf8.GetBytes(json + "\n");
    }
}
