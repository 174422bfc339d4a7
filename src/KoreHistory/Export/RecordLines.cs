using System.Text;

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
