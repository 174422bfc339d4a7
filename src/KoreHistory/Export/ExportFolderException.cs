namespace KoreHistory.Export;

/// The folder cannot be exported into as it is (no -From for a first run, another bot's or format's checkpoint, a file
/// shorter than committed).
internal sealed class ExportFolderException : IOException
{
    public ExportFolderException(string message)
        : base(message)
    {
    }
}
