using System.Runtime.CompilerServices;

namespace KoreHistory.Client;

/// <summary>
/// Resumable reads of a date range (<see cref="KoreResumableRead{T}"/>), for exports that run in several goes: a
/// nightly task that continues where the last one stopped, a backfill spread over runs, a run killed at any moment.
/// </summary>
public static class KoreResumableReads
{
    private static readonly RecordKeys<KoreMessage> MessageKeys = new(m => m.Time, m => m.MessageId);
    private static readonly RecordKeys<KoreSession> SessionKeys = new(s => s.StartTime, s => s.SessionId);

    /// <summary>
    /// Messages of [From, To) oldest first, from <paramref name="checkpoint"/> on when one is given (then From only
    /// says where a read without one would start). Pages are the API's pages less any record handed over before
    /// (empty ones are left out). The query needs From and To and reads by date: no SessionIds, no MessageId; its
    /// order is oldest first whatever it says. Throws <see cref="KoreValidationException"/> before any request.
    /// </summary>
    public static KoreResumableRead<KoreMessage> ResumeMessages(this KoreConnection connection, KoreMessageQuery query, KoreReadCheckpoint? checkpoint, KoreReadOptions? options = null)
    {
        if (connection is null)
        {
            throw new KoreValidationException("A connection is required.", nameof(connection));
        }

        if (query is null)
        {
            throw new KoreValidationException("A message query is required.", nameof(query));
        }

        if (query.SessionIds is not null || query.MessageId is not null)
        {
            throw new KoreValidationException("A resumable read reads by date: SessionIds and MessageId cannot be used.", query.SessionIds is not null ? nameof(query.SessionIds) : nameof(query.MessageId));
        }

        var (start, to) = Range(query.From, query.To, checkpoint);
        var remaining = query.Clone();
        remaining.From = start;
        remaining.To = to;
        remaining.OldestFirst = true;

        // Validates the rest of the query now, before any request; an empty range reads nothing.
        var results = start < to ? connection.GetMessages(remaining, options) : null;
        return new KoreResumableRead<KoreMessage>(start, to, checkpoint, MessageKeys, (ledger, ct) => MessagePages(results, ledger, ct));
    }

    /// <summary>
    /// Sessions of [From, To), a UTC day at a time (the part of a day the range covers), each day's sessions oldest
    /// first. getSessions lists newest first only, so a day is read whole before it is handed over and its checkpoint
    /// is the day's end: a read stopped inside a day reads that day again, and hands over none of it twice. Every day
    /// gives a page, an empty one too, so its checkpoint moves on. The query needs From and To; no SessionIds.
    /// </summary>
    public static KoreResumableRead<KoreSession> ResumeSessions(this KoreConnection connection, KoreSessionQuery query, KoreReadCheckpoint? checkpoint, KoreReadOptions? options = null)
    {
        if (connection is null)
        {
            throw new KoreValidationException("A connection is required.", nameof(connection));
        }

        if (query is null)
        {
            throw new KoreValidationException("A session query is required.", nameof(query));
        }

        if (query.SessionIds is not null)
        {
            throw new KoreValidationException("A resumable read reads by date: SessionIds cannot be used.", nameof(query.SessionIds));
        }

        var (start, to) = Range(query.From, query.To, checkpoint);
        var days = Days(start, to);
        if (days.Count > 0)
        {
            // Validates the rest of the query now, before any request.
            var probe = query.Clone();
            probe.From = days[0].From;
            probe.To = days[0].To;
            _ = connection.GetSessions(probe, options);
        }

        return new KoreResumableRead<KoreSession>(start, to, checkpoint, SessionKeys, (ledger, ct) => SessionDays(connection, query, days, options, ledger, ct));
    }

    // The UTC days (or parts of days) of [start, to), oldest first.
    internal static IReadOnlyList<(DateTime From, DateTime To)> Days(DateTime start, DateTime to)
    {
        var days = new List<(DateTime, DateTime)>();
        for (var from = start; from < to;)
        {
            var end = from.Date.AddDays(1);
            if (end > to)
            {
                end = to;
            }

            days.Add((from, end));
            from = end;
        }

        return days;
    }

    private static (DateTime Start, DateTime To) Range(DateTimeOffset? from, DateTimeOffset? to, KoreReadCheckpoint? checkpoint)
    {
        if (to is not { } end)
        {
            throw new KoreValidationException("A resumable read needs To: the end of its range, pinned when the read is made.", "To");
        }

        if (checkpoint is null && from is null)
        {
            throw new KoreValidationException("A resumable read needs From, or a checkpoint to resume from.", "From");
        }

        var start = checkpoint?.Through ?? DateWindows.Truncate(from!.Value).UtcDateTime;
        QueryRules.Dates(start, end);
        return (start, DateWindows.Truncate(end).UtcDateTime);
    }

    private static async IAsyncEnumerable<KoreCheckpointedPage<KoreMessage>> MessagePages(KoreResults<KoreMessage>? results, ResumeLedger<KoreMessage> ledger, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (results is null)
        {
            yield break;
        }

        await foreach (var page in results.ReadPagesAsync(cancellationToken).ConfigureAwait(false))
        {
            var fresh = ledger.Admit(page);
            if (fresh.Count > 0)
            {
                yield return new KoreCheckpointedPage<KoreMessage>(fresh, ledger.Checkpoint());
            }
        }
    }

    private static async IAsyncEnumerable<KoreCheckpointedPage<KoreSession>> SessionDays(
        KoreConnection connection, KoreSessionQuery query, IReadOnlyList<(DateTime From, DateTime To)> days, KoreReadOptions? options, ResumeLedger<KoreSession> ledger,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var (from, to) in days)
        {
            var day = query.Clone();
            day.From = from;
            day.To = to;
            var sessions = new List<KoreSession>();
            await foreach (var page in connection.GetSessions(day, options).ReadPagesAsync(cancellationToken).ConfigureAwait(false))
            {
                sessions.AddRange(page);
            }

            var oldestFirst = sessions
                .OrderBy(s => s.StartTime)
                .ThenBy(s => s.SessionId, StringComparer.Ordinal)
                .ToList();
            yield return new KoreCheckpointedPage<KoreSession>(ledger.Admit(oldestFirst), ledger.Completed(to));
        }
    }
}
