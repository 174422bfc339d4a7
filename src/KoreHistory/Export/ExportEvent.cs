using KoreHistory.Client;

namespace KoreHistory.Export;

internal enum ExportEventKind
{
    /// An HTTP attempt ended.
    Request,

    /// A wait began (the bot's rate-limit budget, a Retry-After, a backoff).
    Wait,

    /// Something the user should know (the engine's OnWarning).
    Warning,

    /// A commit: how far the bot's export stands.
    Committed,

    /// The bot's export ended (Summary; Error when it failed).
    Finished,
}

/// What a bot's export, running on a worker thread, hands to the pipeline thread, which writes it.
internal sealed class ExportEvent
{
    private ExportEvent(ExportEventKind kind, string botId)
    {
        Kind = kind;
        BotId = botId;
    }

    public ExportEventKind Kind { get; }

    public string BotId { get; }

    public KoreRequestLog? Request { get; private set; }

    public KoreWait? Wait { get; private set; }

    public string? Warning { get; private set; }

    public ExportPosition? Position { get; private set; }

    public KoreExportSummary? Summary { get; private set; }

    public Exception? Error { get; private set; }

    public static ExportEvent OfRequest(string botId, KoreRequestLog request) => new(ExportEventKind.Request, botId) { Request = request };

    public static ExportEvent OfWait(string botId, KoreWait wait) => new(ExportEventKind.Wait, botId) { Wait = wait };

    public static ExportEvent OfWarning(string botId, string warning) => new(ExportEventKind.Warning, botId) { Warning = warning };

    public static ExportEvent OfCommit(string botId, ExportPosition position) => new(ExportEventKind.Committed, botId) { Position = position };

    public static ExportEvent OfFinish(string botId, KoreExportSummary summary, Exception? error) => new(ExportEventKind.Finished, botId) { Summary = summary, Error = error };
}
