using System.Diagnostics;
using System.Management.Automation;
using System.Runtime.ExceptionServices;
using KoreHistory.Client;
using KoreHistory.Reading;

namespace KoreHistory;

/// What Get-KoreSession and Get-KoreMessage share: the connection, -BotId, and writing a lazy engine result to the
/// pipeline (paging parameters, progress, verbose lines, waits, Ctrl+C, errors). The engine reads on a worker thread
/// (ReadPump); every Write* call happens here, on the pipeline thread, as soon as the worker hands something over.
public abstract class KoreReadCommand : PSCmdlet, IDisposable
{
    // One progress bar per command, so Get-KoreSession | Get-KoreMessage shows both.
    private const int SessionProgressId = 0x4B48;
    private const int MessageProgressId = 0x4B49;
    // How often the pipeline thread wakes while nothing arrives, to count a wait down in the progress bar.
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    // A read shorter than this shows no progress bar, unless it waits; a bar is redrawn at most this often.
    private static readonly TimeSpan QuietStart = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Redraw = TimeSpan.FromMilliseconds(200);
    private readonly CancellationTokenSource stopping = new();
    private readonly Stopwatch sinceStart = Stopwatch.StartNew();
    private readonly HashSet<string> warned = new(StringComparer.Ordinal);
    private TimeSpan? lastDrawn;
    private ulong skipped;
    private ulong written;
    private bool progressShown;
    private ReadProgress? progress;
    private KoreConnection? activeConnection;

    /// A connection from Connect-KoreBot -PassThru; without it, the session's current connection is used.
    [Parameter]
    [ValidateNotNull]
    public KoreConnection? Connection { get; set; }

    /// Reads this bot instead of the connection's (admin-console connections name the bot here).
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? BotId { get; set; }

    protected KoreConnection ActiveConnection => activeConnection ?? throw new InvalidOperationException("BeginProcessing has not run.");

    /// The parameters given on the command line (pipeline parameters are not bound yet in BeginProcessing).
    protected HashSet<string> CommandLineParameters { get; } = new(StringComparer.OrdinalIgnoreCase);

    protected bool AllRequestedWritten => written >= PagingParameters.First;

    /// Counts what the progress bar shows, over every read of this command.
    private protected ReadProgress Progress => progress ??= new ReadProgress(ItemNoun);

    /// What the command writes, plural: "sessions", "messages".
    protected abstract string ItemNoun { get; }

    private int ProgressActivityId => ItemNoun == "sessions" ? SessionProgressId : MessageProgressId;

    protected override void BeginProcessing()
    {
        CommandLineParameters.UnionWith(MyInvocation.BoundParameters.Keys);
        activeConnection = Connection ?? ConnectionState.Current;
        if (activeConnection is null)
        {
            ThrowTerminatingError(KoreErrors.NotConnected());
        }
    }

    protected override void StopProcessing() => stopping.Cancel();

    protected override void EndProcessing()
    {
        if (progressShown)
        {
            WriteProgress(new ProgressRecord(ProgressActivityId, MyInvocation.MyCommand.Name, "Done") { RecordType = ProgressRecordType.Completed });
            progressShown = false;
        }
    }

    /// Starts a read (the engine validates the query before it returns, before any request) and writes what it
    /// reads while the worker reads on. A failure is written as a non-terminating error for this input, except the
    /// ones that end the command (see KoreErrors.IsTerminating).
    protected void WriteResults<T>(Func<KoreReadOptions, KoreResults<T>> read, object query)
    {
        if (AllRequestedWritten)
        {
            return;
        }
        using var pump = new ReadPump<T>();
        try
        {
            var results = read(pump.Options);
            Func<CancellationToken, Task<long>>? totalCount = PagingParameters.IncludeTotalCount ? results.GetTotalCountAsync : null;
            pump.Start(ct => results.ReadPagesAsync(ct).GetAsyncEnumerator(ct), totalCount, stopping.Token);
            while (!AllRequestedWritten)
            {
                var next = pump.Take(Tick, stopping.Token);
                if (next is null)
                {
                    ShowProgress(results.TotalCount, force: false);
                    continue;
                }
                if (next.Kind == ReadEventKind.Completed)
                {
                    if (next.Error is { } error)
                    {
                        ExceptionDispatchInfo.Capture(error).Throw();
                    }
                    break;
                }
                Write(next);
                ShowProgress(results.TotalCount, force: next.Kind == ReadEventKind.Wait);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (Exception e) when (e is KoreException or ObjectDisposedException)
        {
            var error = KoreErrors.From(e, query);
            if (KoreErrors.IsTerminating(e))
            {
                ThrowTerminatingError(error);
            }
            WriteError(error);
        }
    }

    /// PowerShell disposes a command that implements IDisposable when its pipeline ends.
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            stopping.Dispose();
        }
    }

    private void Write<T>(ReadEvent<T> next)
    {
        switch (next.Kind)
        {
            case ReadEventKind.Items:
                foreach (var item in next.Items)
                {
                    if (skipped < PagingParameters.Skip)
                    {
                        skipped++;
                        continue;
                    }
                    WriteObject(item);
                    written++;
                    Progress.ItemWritten();
                    if (AllRequestedWritten)
                    {
                        return;
                    }
                }
                break;
            case ReadEventKind.TotalCount:
                WriteObject(PagingParameters.NewTotalCount((ulong)Math.Max(0, next.TotalCount), 1.0));
                break;
            case ReadEventKind.Request:
                Progress.RequestEnded();
                WriteVerbose(next.Request!.ToString());
                break;
            case ReadEventKind.Wait:
                Progress.WaitStarted(next.Wait!, DateTime.UtcNow);
                WriteVerbose(next.Wait!.ToString());
                break;
            case ReadEventKind.InvalidSessionId:
                WriteError(KoreErrors.SessionNotFound(next.Id!));
                break;
            case ReadEventKind.InvalidMessageId:
                WriteError(KoreErrors.MessageNotFound(next.Id!));
                break;
            case ReadEventKind.Warning:
                // Said once per command, however many reads (batches) it makes.
                if (warned.Add(next.Warning!))
                {
                    WriteWarning(next.Warning);
                }
                break;
        }
    }

    // Of the API's total, only what -Skip and -First leave is written.
    private long? ToBeWritten(long? total)
    {
        if (total is not { } all)
        {
            return null;
        }
        var available = (ulong)Math.Max(0, all);
        return (long)Math.Min(available - Math.Min(PagingParameters.Skip, available), PagingParameters.First);
    }

    // A wait of a second or more always shows (the bar is the only sign of life then); otherwise reads longer than
    // QuietStart get a bar, redrawn at most every Redraw.
    private void ShowProgress(long? total, bool force)
    {
        var now = DateTime.UtcNow;
        var elapsed = sinceStart.Elapsed;
        var waiting = Progress.IsWaiting(now);
        if (!force && ((lastDrawn is { } drawn && elapsed - drawn < Redraw) || (!progressShown && !waiting && elapsed < QuietStart)))
        {
            return;
        }
        if (force && !waiting && !progressShown && elapsed < QuietStart)
        {
            return;
        }
        var snapshot = Progress.Snapshot(now, ToBeWritten(total));
        var record = new ProgressRecord(ProgressActivityId, MyInvocation.MyCommand.Name, snapshot.Status);
        if (snapshot.PercentComplete is { } percent)
        {
            record.PercentComplete = percent;
        }
        if (snapshot.SecondsRemaining is { } seconds)
        {
            record.SecondsRemaining = seconds;
        }
        WriteProgress(record);
        progressShown = true;
        lastDrawn = elapsed;
    }
}
