using System.Diagnostics;
using System.Management.Automation;
using System.Runtime.ExceptionServices;
using KoreHistory.Client;
using KoreHistory.Reading;

namespace KoreHistory;

/// What Get-KoreSession and Get-KoreMessage share: the connection, -BotId, and writing lazy engine results to the
/// pipeline (paging parameters, progress, verbose lines, waits, Ctrl+C, errors). The engine reads on a worker thread
/// (ReadPump); every Write* call happens here, on the pipeline thread, as soon as the worker hands something over.
/// -Skip and -First go to the engine (KoreReadSequence), which asks the server to skip and never asks for a page beyond
/// what they leave; the reads of one command (its batches of piped input) share them, in the order they are written.
/// Once -First is satisfied, the commands upstream stop, as Select-Object -First makes them stop.
public abstract class KoreReadCommand : PSCmdlet, IDisposable
{
    /// The default parameter set of both commands: a read by filters (user, dates, tags…).
    protected const string ByFilter = "ByFilter";

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
    // Reads started and not yet written to their end, in the order they are written.
    private readonly Queue<OpenRead> openReads = new();
    private TimeSpan? lastDrawn;
    private ulong written;
    private bool progressShown;
    private ReadProgress? progress;
    private KoreConnection? activeConnection;
    private KoreReadSequence? sequence;

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

    private KoreReadSequence Sequence => sequence ??= new KoreReadSequence(
        (long)Math.Min(PagingParameters.Skip, long.MaxValue),
        PagingParameters.First == ulong.MaxValue ? null : (long)Math.Min(PagingParameters.First, long.MaxValue));

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
        WriteOpenReads(all: true);
        CompleteProgress();
    }

    /// Starts a read (the engine validates the query before it returns, before any request) and writes it to its end,
    /// with the reads started before it. A failure is written as a non-terminating error for this input, except the
    /// ones that end the command (see KoreErrors.IsTerminating). ended: called once the read is written to its end.
    protected void WriteResults<T>(Func<KoreReadOptions, KoreResults<T>> read, object query, Action? ended = null)
    {
        if (StartResults(read, query, ended))
        {
            WriteOpenReads(all: true);
        }
    }

    /// Starts a read of a batch of piped input and writes the reads started before it to their end while this one's
    /// first requests go out (the engine starts them when the reads before cannot supply what -First still wants),
    /// then what this one has ready, without waiting: the next batch is collected while it is read.
    protected void OverlapResults<T>(Func<KoreReadOptions, KoreResults<T>> read, object query, Action? ended = null)
    {
        if (StartResults(read, query, ended))
        {
            WriteOpenReads(all: false);
        }
    }

    /// Writes the open reads in order: all of them to their end, or all but the newest, of which only what it has
    /// ready is written (the pipeline thread then goes back for more input while it reads on).
    protected void WriteOpenReads(bool all)
    {
        while (openReads.Count > (all ? 0 : 1) && !AllRequestedWritten)
        {
            Write(openReads.Peek(), wait: true);
            openReads.Dequeue().Dispose();
        }
        if (AllRequestedWritten)
        {
            CloseOpenReads();
            return;
        }
        if (!all && openReads.Count == 1 && !Write(openReads.Peek(), wait: false))
        {
            openReads.Dequeue().Dispose();
        }
    }

    /// At the end of ProcessRecord: once -First is satisfied, stops the commands upstream of this one, which would only
    /// read on for nothing (Get-KoreSession | Get-KoreMessage -First 5 reads one page of sessions), as Select-Object
    /// -First does. Never from EndProcessing: PowerShell would then skip the commands downstream.
    protected void StopUpstreamWhenDone()
    {
        if (!AllRequestedWritten || !MyInvocation.ExpectingInput || UpstreamCommands.StopFor(this) is not { } stop)
        {
            return;
        }
        // This command's EndProcessing does not run either: what it would do is done now.
        CloseOpenReads();
        CompleteProgress();
        throw stop;
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
            CloseOpenReads();
            stopping.Dispose();
        }
    }

    private bool StartResults<T>(Func<KoreReadOptions, KoreResults<T>> read, object query, Action? ended)
    {
        if (AllRequestedWritten)
        {
            return false;
        }
        var pump = new ReadPump<T>();
        pump.Options.Sequence = Sequence;
        try
        {
            var results = read(pump.Options);
            Func<CancellationToken, Task<long>>? totalCount = PagingParameters.IncludeTotalCount ? results.GetTotalCountAsync : null;
            pump.Start(ct => results.ReadPagesAsync(ct).GetAsyncEnumerator(ct), totalCount, stopping.Token);
            openReads.Enqueue(new OpenRead<T>(this, pump, results, query, ended));
            return true;
        }
        catch (Exception e) when (e is KoreException or ObjectDisposedException)
        {
            pump.Dispose();
            WriteFailure(e, query);
            return false;
        }
        catch
        {
            pump.Dispose();
            throw;
        }
    }

    // Writes what a read hands over, in order: everything until it ends (wait), or what is ready now. False once the
    // read has ended (its failure written as an error, or thrown when it ends the command).
    private bool Write(OpenRead read, bool wait)
    {
        try
        {
            while (!AllRequestedWritten)
            {
                if (!read.Step(wait ? Tick : TimeSpan.Zero, stopping.Token, out var done))
                {
                    if (!wait)
                    {
                        return true;
                    }
                    continue;
                }
                if (done)
                {
                    read.Ended();
                    return false;
                }
            }
            return false;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (Exception e) when (e is KoreException or ObjectDisposedException)
        {
            read.Ended();
            WriteFailure(e, read.Query);
            return false;
        }
    }

    private void WriteFailure(Exception e, object query)
    {
        var error = KoreErrors.From(e, query);
        if (KoreErrors.IsTerminating(e))
        {
            ThrowTerminatingError(error);
        }
        WriteError(error);
    }

    // Stops the reads not written to their end; each returns once no request of it is running.
    private void CloseOpenReads()
    {
        while (openReads.Count > 0)
        {
            openReads.Dequeue().Dispose();
        }
        sequence?.Dispose();
    }

    private void CompleteProgress()
    {
        if (progressShown)
        {
            WriteProgress(new ProgressRecord(ProgressActivityId, MyInvocation.MyCommand.Name, "Done") { RecordType = ProgressRecordType.Completed });
            progressShown = false;
        }
    }

    private void Write<T>(ReadEvent<T> next)
    {
        switch (next.Kind)
        {
            case ReadEventKind.Items:
                // The engine hands over no more than -First leaves (KoreReadSequence), so a run is written whole, and
                // PowerShell enumerates it (one WriteObject call a run rather than one an item).
                var room = PagingParameters.First - written;
                var run = (ulong)next.Items.Count <= room ? next.Items : next.Items.Take((int)room).ToArray();
                WriteObject(run, enumerateCollection: true);
                written += (ulong)run.Count;
                Progress.ItemsWritten(run.Count);
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
    private void ShowProgress<T>(KoreResults<T> results, bool force)
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
        var snapshot = Progress.Snapshot(now, ToBeWritten(results.TotalCount));
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

    /// A read started and not yet written to its end.
    private abstract class OpenRead : IDisposable
    {
        protected OpenRead(object query, Action? ended)
        {
            Query = query;
            this.ended = ended;
        }

        private Action? ended;

        public object Query { get; }

        /// Writes the next thing the read hands over, waiting up to timeout for it; false when nothing came. done: the
        /// read has ended (a failure is thrown).
        public abstract bool Step(TimeSpan timeout, CancellationToken cancellationToken, out bool done);

        /// The read is written to its end: what follows it (progress) happens once.
        public void Ended()
        {
            var then = ended;
            ended = null;
            then?.Invoke();
        }

        public abstract void Dispose();
    }

    private sealed class OpenRead<T> : OpenRead
    {
        private readonly KoreReadCommand command;
        private readonly ReadPump<T> pump;
        private readonly KoreResults<T> results;

        public OpenRead(KoreReadCommand command, ReadPump<T> pump, KoreResults<T> results, object query, Action? ended)
            : base(query, ended)
        {
            this.command = command;
            this.pump = pump;
            this.results = results;
        }

        public override bool Step(TimeSpan timeout, CancellationToken cancellationToken, out bool done)
        {
            done = false;
            var next = pump.Take(timeout, cancellationToken);
            if (next is null)
            {
                if (timeout > TimeSpan.Zero)
                {
                    command.ShowProgress(results, force: false);
                }
                return false;
            }
            if (next.Kind == ReadEventKind.Completed)
            {
                if (next.Error is { } error)
                {
                    ExceptionDispatchInfo.Capture(error).Throw();
                }
                done = true;
                return true;
            }
            command.Write(next);
            command.ShowProgress(results, force: next.Kind == ReadEventKind.Wait);
            return true;
        }

        public override void Dispose() => pump.Dispose();
    }
}
