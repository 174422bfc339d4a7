using System.Collections.Concurrent;
using System.Management.Automation;
using KoreHistory.Client;

namespace KoreHistory;

/// What Get-KoreSession and Get-KoreMessage share: the connection, -BotId, and writing a lazy engine result to the
/// pipeline (paging parameters, progress, verbose request lines, Ctrl+C, errors). Every Write* call happens here,
/// on the pipeline thread; the engine's callbacks, which may run on any thread, only fill queues.
public abstract class KoreReadCommand : PSCmdlet, IDisposable
{
    private const int ProgressActivityId = 0x4B48;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentQueue<string> verboseLines = new();
    private readonly ConcurrentQueue<string> warnings = new();
    private readonly ConcurrentQueue<ErrorRecord> notFound = new();
    private readonly HashSet<string> warned = new(StringComparer.Ordinal);
    private ulong skipped;
    private ulong written;
    private bool progressShown;
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

    protected override void EndProcessing() => DrainQueues();

    /// Starts a read (the engine validates the query before it returns) and writes its items as pages arrive.
    /// A failure is written as a non-terminating error for this input, except authentication, which ends the command.
    protected void WriteResults<T>(Func<KoreReadOptions, KoreResults<T>> read, object query, int pageSize, string activity)
    {
        if (AllRequestedWritten)
        {
            return;
        }
        var options = new KoreReadOptions
        {
            OnRequest = log => verboseLines.Enqueue(log.ToString()),
            OnInvalidSessionId = id => notFound.Enqueue(KoreErrors.SessionNotFound(id)),
            OnInvalidMessageId = id => notFound.Enqueue(KoreErrors.MessageNotFound(id)),
            OnWarning = warnings.Enqueue,
        };
        try
        {
            var results = read(options);
            if (PagingParameters.IncludeTotalCount)
            {
                var total = results.GetTotalCountAsync(stopping.Token).GetAwaiter().GetResult();
                DrainQueues();
                WriteObject(PagingParameters.NewTotalCount((ulong)Math.Max(0, total), 1.0));
            }
            foreach (var item in results.ToBlockingEnumerable(stopping.Token))
            {
                DrainQueues();
                if (skipped < PagingParameters.Skip)
                {
                    skipped++;
                    continue;
                }
                WriteObject(item);
                written++;
                ShowProgress(results.ItemsRead, results.TotalCount, pageSize, activity);
                if (AllRequestedWritten)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (Exception e) when (e is KoreException or ObjectDisposedException)
        {
            DrainQueues();
            var error = KoreErrors.From(e, query);
            if (KoreErrors.IsTerminating(e))
            {
                ThrowTerminatingError(error);
            }
            WriteError(error);
        }
        DrainQueues();
        EndProgress(activity);
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

    private void ShowProgress(long itemsRead, long? total, int pageSize, string activity)
    {
        // Only reads that span pages get a progress bar, updated once per page.
        if (itemsRead < pageSize || itemsRead % pageSize != 0)
        {
            return;
        }
        var status = total is > 0 ? $"{itemsRead} of {total} read" : $"{itemsRead} read";
        var record = new ProgressRecord(ProgressActivityId, activity, status);
        if (total is > 0)
        {
            record.PercentComplete = (int)Math.Min(100, itemsRead * 100 / total.Value);
        }
        WriteProgress(record);
        progressShown = true;
    }

    private void EndProgress(string activity)
    {
        if (progressShown)
        {
            WriteProgress(new ProgressRecord(ProgressActivityId, activity, "Done") { RecordType = ProgressRecordType.Completed });
            progressShown = false;
        }
    }

    private void DrainQueues()
    {
        while (verboseLines.TryDequeue(out var line))
        {
            WriteVerbose(line);
        }
        while (warnings.TryDequeue(out var warning))
        {
            // Said once per command, however many reads (batches) it makes.
            if (warned.Add(warning))
            {
                WriteWarning(warning);
            }
        }
        while (notFound.TryDequeue(out var error))
        {
            WriteError(error);
        }
    }
}
