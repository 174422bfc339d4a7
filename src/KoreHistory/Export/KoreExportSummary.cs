namespace KoreHistory;

/// What one Export-KoreHistory run did for one bot: for a scheduler's log, or to act on (Complete, StopReason).
public sealed class KoreExportSummary
{
    internal KoreExportSummary(string botId, string folder)
    {
        BotId = botId;
        Folder = folder;
    }

    public string BotId { get; }

    /// The bot's folder (under -Path).
    public string Folder { get; }

    /// Where this run started reading (UTC): the checkpoint, or -From on a first run; null when it failed before it
    /// could read the folder's checkpoint.
    public DateTime? From { get; internal set; }

    /// Where this run was to end (UTC): now minus -SettleTime.
    public DateTime To { get; internal set; }

    /// Every session and message before this time (UTC) is in the files: the checkpoint's position after this run;
    /// null when the run failed before it could read the folder's checkpoint.
    public DateTime? ExportedThrough { get; internal set; }

    /// Whether the run reached To. False when -MaxRequests or -MaxDuration ended it first, or it failed.
    public bool Complete { get; internal set; }

    /// Completed, MaxRequests, MaxDuration or Failed.
    public string StopReason { get; internal set; } = "";

    /// Sessions and messages this run added to the files.
    public long Sessions { get; internal set; }

    public long Messages { get; internal set; }

    /// Page requests sent, and the further attempts their retries took.
    public int Requests { get; internal set; }

    public int Retries { get; internal set; }

    public TimeSpan Duration { get; internal set; }

    /// The files this run appended to, relative to Folder.
    public string[] Files { get; internal set; } = [];

    /// Why the run failed, when it did (the checkpoint stays at its last commit).
    public string? Error { get; internal set; }

    public override string ToString() =>
        ExportedThrough is { } through
            ? $"{BotId}: {StopReason}, {Sessions} sessions and {Messages} messages, exported through {Client.KoreUtcTime.Format(through)}"
            : $"{BotId}: {StopReason}, {Sessions} sessions and {Messages} messages";
}
