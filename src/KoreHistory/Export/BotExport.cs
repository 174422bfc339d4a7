using System.Diagnostics;
using KoreHistory.Client;

namespace KoreHistory.Export;

/// One bot's export, run on a worker thread: its sessions, then its messages, from the checkpoint (or From) to To,
/// each page appended to its UTC day's file and committed (BotFolder) before the next one is asked for. Everything
/// it has to say goes to post (the pipeline thread writes it); it never writes to PowerShell itself. A spent
/// -MaxRequests budget or the -MaxDuration deadline ends it at the last commit, as a stop, not a failure.
internal sealed class BotExport
{
    private readonly KoreConnection connection;
    private readonly ExportRequest request;
    private readonly string botId;
    private readonly Action<ExportEvent> post;
    private int requests;
    private int retries;

    public BotExport(KoreConnection connection, ExportRequest request, string botId, Action<ExportEvent> post)
    {
        this.connection = connection;
        this.request = request;
        this.botId = botId;
        this.post = post;
    }

    public string Root => Path.Combine(request.Folder, botId);

    /// Runs to the end, a budget, the deadline or a failure; posts Finished with the summary last, whatever happens.
    public async Task RunAsync(CancellationToken stop, CancellationToken deadline)
    {
        var summary = new KoreExportSummary(botId, Root) { To = request.To };
        var clock = Stopwatch.StartNew();
        Exception? error = null;
        BotFolder? folder = null;
        using var both = CancellationTokenSource.CreateLinkedTokenSource(stop, deadline);
        try
        {
            folder = BotFolder.Open(Root, botId, request.Format, request.From);
            var state = folder.State;
            summary.From = Min(state.Sessions?.Through ?? state.From, state.Messages?.Through ?? state.From);
            var options = new KoreReadOptions
            {
                OnRequest = Counted,
                OnWait = wait => post(ExportEvent.OfWait(botId, wait)),
                OnWarning = warning => post(ExportEvent.OfWarning(botId, warning)),
                RequestBudget = request.MaxRequests is { } max ? new KoreRequestBudget(max) : null,
            };

            var sessions = connection.ResumeSessions(new KoreSessionQuery { BotId = botId, From = state.From, To = request.To }, state.Sessions, options);
            await ExportAsync(folder, sessions, "sessions", RecordLines<KoreSession>.For(request.Format, s => s.GetRawJson()), s => s.StartTime,
                (s, checkpoint, count) =>
                {
                    s.Sessions = checkpoint;
                    s.SessionsExported += count;
                },
                count => summary.Sessions += count, summary, both.Token).ConfigureAwait(false);

            var messages = connection.ResumeMessages(
                new KoreMessageQuery { BotId = botId, From = state.From, To = request.To, UseMessagesV2 = request.UseMessagesV2 }, state.Messages, options);
            await ExportAsync(folder, messages, "messages", RecordLines<KoreMessage>.For(request.Format, m => m.GetRawJson()), m => m.Time,
                (s, checkpoint, count) =>
                {
                    s.Messages = checkpoint;
                    s.MessagesExported += count;
                },
                count => summary.Messages += count, summary, both.Token).ConfigureAwait(false);

            if (!messages.IsEmpty)
            {
                // The whole range is read: the checkpoint moves to its end, past the last message.
                folder.Commit(s => s.Messages = messages.Checkpoint);
            }

            (summary.Complete, summary.StopReason) = (true, "Completed");
        }
        catch (KoreRequestBudgetSpentException)
        {
            summary.StopReason = "MaxRequests";
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !stop.IsCancellationRequested)
        {
            summary.StopReason = "MaxDuration";
        }
        catch (Exception exception)
        {
            (summary.StopReason, summary.Error, error) = ("Failed", exception.Message, exception);
        }
        finally
        {
            summary.ExportedThrough = folder?.State.ExportedThrough;
            summary.Files = folder?.Appended.ToArray() ?? [];
            summary.Requests = Volatile.Read(ref requests);
            summary.Retries = Volatile.Read(ref retries);
            summary.Duration = clock.Elapsed;
            folder?.Dispose();
            post(ExportEvent.OfFinish(botId, summary, error));
        }
    }

    // Each page is appended and committed (the checkpoint after it, with its count) before the next one is asked for.
    private async Task ExportAsync<T>(BotFolder folder, KoreResumableRead<T> read, string kind, RecordLines<T> lines, Func<T, DateTime> timeOf,
        Action<KoreExportCheckpoint, KoreReadCheckpoint, int> commit, Action<int> counted, KoreExportSummary summary, CancellationToken cancellationToken)
    {
        var before = Volatile.Read(ref requests);
        await foreach (var page in read.ReadPagesAsync(cancellationToken).ConfigureAwait(false))
        {
            Append(folder, kind, page.Items, timeOf, lines);
            folder.Commit(s => commit(s, page.Checkpoint, page.Items.Count));
            counted(page.Items.Count);
            Posted(read, kind, page.Checkpoint, summary, before);
        }
    }

    // Records go to the file of their UTC day, in order.
    private static void Append<T>(BotFolder folder, string kind, IReadOnlyList<T> items, Func<T, DateTime> timeOf, RecordLines<T> lines)
    {
        foreach (var day in items.GroupBy(item => timeOf(item).Date))
        {
            folder.Append($"{kind}/{day.Key:yyyy-MM-dd}{lines.Extension}", lines.Header, day.Select(lines.Line));
        }
    }

    private void Counted(KoreRequestLog log)
    {
        if (log.Attempt > 1)
        {
            Interlocked.Increment(ref retries);
        }
        else
        {
            Interlocked.Increment(ref requests);
        }

        post(ExportEvent.OfRequest(botId, log));
    }

    private void Posted<T>(KoreResumableRead<T> read, string phase, KoreReadCheckpoint checkpoint, KoreExportSummary summary, int before)
    {
        var sent = Volatile.Read(ref requests);
        post(ExportEvent.OfCommit(botId, new ExportPosition(phase, read.Start, checkpoint.Through, read.To, summary.Sessions, summary.Messages, sent, sent - before)));
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
