using System.Collections.Concurrent;
using System.Management.Automation;
using KoreHistory.Client;
using KoreHistory.Export;

namespace KoreHistory;

/// Export-KoreHistory: writes bots' sessions and messages to a folder, one file per UTC day, and keeps a checkpoint
/// per bot, so that every run continues where the last one stopped and no record is lost or written twice, even
/// when a run is killed. Bots are exported concurrently, each on a worker thread (BotExport) within its own budget;
/// this cmdlet binds, takes the folder's lock, and writes what the workers hand over (verbose lines, progress,
/// warnings, one summary per bot), every Write* on the pipeline thread.
[Cmdlet(VerbsData.Export, "KoreHistory", SupportsShouldProcess = true)]
[OutputType(typeof(KoreExportSummary))]
public sealed class ExportKoreHistoryCommand : PSCmdlet, IDisposable
{
    private const int ProgressId = 0x4B50;
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Redraw = TimeSpan.FromMilliseconds(200);
    private readonly CancellationTokenSource stopping = new();

    /// The export folder: one subfolder per bot (its checkpoint.json, messages/, sessions/) and the lock file.
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// The bots to export (concurrently). Default: the connection's bot; on an admin-console connection without one,
    /// the bots already exported into the folder.
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? BotId { get; set; }

    /// Where the first run starts (a time without an offset is local time). Later runs continue from the checkpoint
    /// and ignore it.
    [Parameter]
    [TimeTransformation]
    public DateTime? From { get; set; }

    /// How long after a message's time it is exported at the earliest: each run reads up to now minus this.
    [Parameter]
    [ValidateDuration("00:00:00", "7.00:00:00")]
    public TimeSpan SettleTime { get; set; } = DefaultSettleTime;

    [Parameter]
    public KoreExportFormat Format { get; set; } = KoreExportFormat.JsonLines;

    /// Ends the run at the last commit once this much time has passed.
    [Parameter]
    [ValidateDuration("00:00:01", "365.00:00:00")]
    public TimeSpan? MaxDuration { get; set; }

    /// Sends at most this many page requests per bot, then ends the run at the last commit.
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? MaxRequests { get; set; }

    /// Reads messages through getMessagesV2 (up to 10,000 a request; the API leaves out alert and action task messages).
    [Parameter]
    public SwitchParameter UseMessagesV2 { get; set; }

    [Parameter]
    [ValidateNotNull]
    public KoreConnection? Connection { get; set; }

    /// Twice the 15 minutes after a session's end within which Kore.ai says its analytics data typically appear
    /// (community.kore.ai/t/faq-api-analytics-capabilities-aiforservice-xo/5089, US SaaS; often sooner).
    internal static readonly TimeSpan DefaultSettleTime = TimeSpan.FromMinutes(30);

    protected override void ProcessRecord()
    {
        var connection = Connection ?? ConnectionState.Current;
        if (connection is null)
        {
            ThrowTerminatingError(KoreErrors.NotConnected());
            return;
        }

        var folder = GetUnresolvedProviderPathFromPSPath(Path);
        var bots = BotsToExport(connection, folder);
        var now = DateTime.UtcNow;
        var to = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc) - SettleTime;
        var from = From is { } start ? TimeParameter.ToUtc(start)!.Value.UtcDateTime : (DateTime?)null;
        var wanted = new List<string>();
        foreach (var bot in bots)
        {
            if (ShouldProcess(System.IO.Path.Combine(folder, bot), WhatItReads(folder, bot, from, to)))
            {
                wanted.Add(bot);
            }
        }

        if (wanted.Count == 0)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        ExportLock held;
        try
        {
            held = ExportLock.Acquire(folder);
        }
        catch (ExportLockedException locked)
        {
            ThrowTerminatingError(new ErrorRecord(locked, "KoreExportLocked", ErrorCategory.ResourceBusy, folder));
            return;
        }

        using (held)
        {
            Export(connection, new ExportRequest(folder, Format, from, to, UseMessagesV2, MaxRequests), wanted);
        }
    }

    protected override void StopProcessing() => stopping.Cancel();

    public void Dispose() => stopping.Dispose();

    private void Export(KoreConnection connection, ExportRequest request, List<string> bots)
    {
        using var events = new BlockingCollection<ExportEvent>();
        using var deadline = MaxDuration is { } limit ? new CancellationTokenSource(limit) : new CancellationTokenSource();
        var progress = bots.ToDictionary(bot => bot, bot => new ExportProgress(bot, connection.RequestsPerMinute, connection.MinuteWindow, connection.RequestsPerHour, connection.HourWindow), StringComparer.Ordinal);
        var summaries = new Dictionary<string, (KoreExportSummary Summary, Exception? Error)>(StringComparer.Ordinal);
        var workers = new List<Task>();
        foreach (var bot in bots)
        {
            var export = new BotExport(connection, request, bot, e => Post(events, e));
            WriteVerbose($"{bot}: exporting into {export.Root}, up to {KoreUtcTime.Format(request.To)} (now minus {SettleTime}).");
            workers.Add(Task.Factory.StartNew(() => export.RunAsync(stopping.Token, deadline.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap());
        }

        var drawn = DateTime.MinValue;
        try
        {
            while (summaries.Count < bots.Count)
            {
                if (events.TryTake(out var next, (int)Tick.TotalMilliseconds, stopping.Token))
                {
                    Write(next, progress, summaries);
                }

                var now = DateTime.UtcNow;
                if (now - drawn >= Redraw || next?.Kind == ExportEventKind.Wait)
                {
                    ShowProgress(bots, progress, summaries, now);
                    drawn = now;
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Ctrl+C: the workers stop at their last commit; nothing runs when this command ends.
            Task.WaitAll(workers.ToArray());
            throw new PipelineStoppedException();
        }

        Task.WaitAll(workers.ToArray());
        for (var i = 0; i < bots.Count; i++)
        {
            WriteProgress(new ProgressRecord(ProgressId + i, MyInvocation.MyCommand.Name, "Done") { RecordType = ProgressRecordType.Completed });
        }

        foreach (var bot in bots)
        {
            WriteObject(summaries[bot].Summary);
        }

        if (bots.Select(bot => summaries[bot]).FirstOrDefault(s => s.Error is not null) is { Error: { } error, Summary: { } failed })
        {
            ThrowTerminatingError(ErrorOf(error, failed));
        }
    }

    private void Write(ExportEvent next, Dictionary<string, ExportProgress> progress, Dictionary<string, (KoreExportSummary, Exception?)> summaries)
    {
        var now = DateTime.UtcNow;
        switch (next.Kind)
        {
            case ExportEventKind.Request:
                progress[next.BotId].RequestSent(now);
                WriteVerbose($"{next.BotId}: {next.Request}");
                break;
            case ExportEventKind.Wait:
                progress[next.BotId].WaitStarted(next.Wait!, now);
                WriteVerbose($"{next.BotId}: {next.Wait}");
                break;
            case ExportEventKind.Warning:
                WriteWarning($"{next.BotId}: {next.Warning}");
                break;
            case ExportEventKind.Committed:
                progress[next.BotId].Committed(next.Position!);
                break;
            case ExportEventKind.Finished:
                summaries[next.BotId] = (next.Summary!, next.Error);
                WriteVerbose($"{next.Summary!}.");
                break;
        }
    }

    private void ShowProgress(List<string> bots, Dictionary<string, ExportProgress> progress, Dictionary<string, (KoreExportSummary, Exception?)> summaries, DateTime now)
    {
        for (var i = 0; i < bots.Count; i++)
        {
            if (summaries.ContainsKey(bots[i]))
            {
                continue;
            }

            var snapshot = progress[bots[i]].Snapshot(now);
            var record = new ProgressRecord(ProgressId + i, MyInvocation.MyCommand.Name, snapshot.Status);
            if (snapshot.PercentComplete is { } percent)
            {
                record.PercentComplete = percent;
            }

            if (snapshot.SecondsRemaining is { } seconds)
            {
                record.SecondsRemaining = seconds;
            }

            WriteProgress(record);
        }
    }

    private static void Post(BlockingCollection<ExportEvent> events, ExportEvent next)
    {
        try
        {
            events.Add(next);
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
        {
            // The command has ended: nobody listens any more.
        }
    }

    private List<string> BotsToExport(KoreConnection connection, string folder)
    {
        if (BotId is { Length: > 0 } named)
        {
            var bots = named.Distinct(StringComparer.Ordinal).ToList();
            foreach (var bot in bots)
            {
                try
                {
                    new KoreSessionQuery { BotId = bot }.Validate();
                }
                catch (KoreValidationException invalid)
                {
                    ThrowTerminatingError(KoreErrors.From(invalid, bot));
                }
            }

            return bots;
        }

        if (connection.BotId is { } connected)
        {
            return [connected];
        }

        var exported = Directory.Exists(folder)
            ? Directory.GetDirectories(folder).Where(d => File.Exists(System.IO.Path.Combine(d, BotFolder.CheckpointFileName))).Select(d => System.IO.Path.GetFileName(d)!).OrderBy(d => d, StringComparer.Ordinal).ToList()
            : [];
        if (exported.Count == 0)
        {
            ThrowTerminatingError(new ErrorRecord(
                new PSArgumentException("This admin-console connection names no bot, and the folder holds no bot's export yet: name the bots with -BotId."),
                "KoreExportNeedsBotId", ErrorCategory.InvalidArgument, folder));
        }

        return exported;
    }

    // What -WhatIf says, and what a first run without -From is refused with, before anything is written.
    private string WhatItReads(string folder, string bot, DateTime? from, DateTime to)
    {
        KoreExportCheckpoint? checkpoint;
        try
        {
            checkpoint = BotFolder.ReadCheckpoint(System.IO.Path.Combine(folder, bot));
        }
        catch (KoreValidationException unreadable)
        {
            ThrowTerminatingError(new ErrorRecord(unreadable, "KoreExportFolderInvalid", ErrorCategory.InvalidData, folder));
            throw;
        }

        if (checkpoint is null)
        {
            if (from is not { } start)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new PSArgumentException($"Bot {bot} has no export in '{folder}' yet: its first run needs -From, where the export starts."),
                    "KoreExportNeedsFrom", ErrorCategory.InvalidArgument, bot));
                throw new InvalidOperationException();
            }

            return $"Export the sessions and messages of bot {bot} from {KoreUtcTime.Format(start)} (-From) to {KoreUtcTime.Format(to)} as {Format}";
        }

        var sessionsFrom = checkpoint.Sessions?.Through ?? checkpoint.From;
        var messagesFrom = checkpoint.Messages?.Through ?? checkpoint.From;
        if (sessionsFrom >= to && messagesFrom >= to)
        {
            return $"Nothing to export for bot {bot} yet: its checkpoint stands at {KoreUtcTime.Format(checkpoint.ExportedThrough)}, after now minus -SettleTime ({KoreUtcTime.Format(to)})";
        }

        return $"Export the sessions of bot {bot} from {KoreUtcTime.Format(sessionsFrom)} and its messages from {KoreUtcTime.Format(messagesFrom)} (its checkpoint) to {KoreUtcTime.Format(to)} as {checkpoint.Format}";
    }

    private static ErrorRecord ErrorOf(Exception error, KoreExportSummary failed) => error switch
    {
        KoreException => KoreErrors.From(error, failed.BotId),
        ExportFolderException => new ErrorRecord(error, "KoreExportFolderInvalid", ErrorCategory.InvalidData, failed.Folder),
        IOException or UnauthorizedAccessException => new ErrorRecord(error, "KoreExportWriteFailed", ErrorCategory.WriteError, failed.Folder),
        _ => KoreErrors.From(error, failed.BotId),
    };
}
