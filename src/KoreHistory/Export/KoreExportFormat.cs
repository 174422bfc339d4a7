namespace KoreHistory;

/// The files Export-KoreHistory writes: JSON Lines of the API's own records (lossless) or CSV of the flat properties.
public enum KoreExportFormat
{
    /// One JSON object a line, exactly as the API sent it (.jsonl).
    JsonLines,

    /// The columns Export-Csv writes for Get-KoreMessage and Get-KoreSession, times as ISO 8601 UTC (.csv).
    Csv,
}
