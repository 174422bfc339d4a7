namespace KoreHistory.Export;

/// What one Export-KoreHistory command asks of every bot.
internal sealed class ExportRequest
{
    public ExportRequest(string folder, KoreExportFormat format, DateTime? from, DateTime to, bool useMessagesV2, int? maxRequests)
    {
        Folder = folder;
        Format = format;
        From = from;
        To = to;
        UseMessagesV2 = useMessagesV2;
        MaxRequests = maxRequests;
    }

    public string Folder { get; }

    public KoreExportFormat Format { get; }

    public DateTime? From { get; }

    public DateTime To { get; }

    public bool UseMessagesV2 { get; }

    public int? MaxRequests { get; }
}
