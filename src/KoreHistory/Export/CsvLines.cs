using System.Globalization;
using System.Reflection;
using KoreHistory.Client;

namespace KoreHistory.Export;

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
