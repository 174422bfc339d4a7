using System.Globalization;
using System.Reflection;
using System.Text;
using KoreHistory.Client;

namespace KoreHistory.Export;

/// Turns records into the bytes of an export file, UTF-8 without a byte order mark: JSON Lines (each record's JSON as
/// the API sent it, on one line) or CSV (a header, then one row a record). A file's first bytes (the CSV header) come
/// from Header, written when the file is created.
internal abstract class RecordLines<T>
{
    protected static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public abstract string Extension { get; }

    public abstract byte[] Header { get; }

    public abstract byte[] Line(T record);

    public static RecordLines<T> For(KoreExportFormat format, Func<T, string> rawJson) =>
        format == KoreExportFormat.Csv ? new CsvLines<T>() : new JsonLines<T>(rawJson);
}

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

/// CSV with the columns Export-Csv writes for the same objects: every public property, in the order PowerShell lists
/// them (declaration order), each value quoted, quotes doubled, lines ending as Export-Csv ends them. Values are the
/// properties' text as Export-Csv writes it, except times: ISO 8601 UTC to the millisecond (2026-11-29T08:30:00.250Z)
/// instead of this computer's date format to the second.
internal sealed class CsvLines<T> : RecordLines<T>
{
    private static readonly PropertyInfo[] Columns = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance);

    public override string Extension => ".csv";

    public override byte[] Header => Utf8.GetBytes(Row(Columns.Select(c => c.Name)));

    public override byte[] Line(T record) => Utf8.GetBytes(Row(Columns.Select(c => Text(c.GetValue(record)))));

    internal static IReadOnlyList<string> ColumnNames => Columns.Select(c => c.Name).ToList();

    private static string Row(IEnumerable<string> values) =>
        string.Join(",", values.Select(v => "\"" + v.Replace("\"", "\"\"") + "\"")) + Environment.NewLine;

    private static string Text(object? value) => value switch
    {
        null => "",
        DateTime time => KoreUtcTime.Format(time),
        bool flag => flag ? "True" : "False",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
