namespace KoreHistory.Export;

/// What one Export-KoreHistory command asks of every bot.
internal sealed record ExportRequest(string Folder, KoreExportFormat Format, DateTime? From, DateTime To, bool UseMessagesV2, int? MaxRequests);
