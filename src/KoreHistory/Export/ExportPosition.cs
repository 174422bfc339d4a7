namespace KoreHistory.Export;

/// Where a bot's export stands after a commit: which read (sessions come first, then messages), from where to where it
/// reads, how far it is, and what it cost so far.
internal sealed class ExportPosition
{
    public ExportPosition(string phase, DateTime start, DateTime through, DateTime to, long sessions, long messages, int requests, int phaseRequests)
    {
        Phase = phase;
        Start = start;
        Through = through;
        To = to;
        Sessions = sessions;
        Messages = messages;
        Requests = requests;
        PhaseRequests = phaseRequests;
    }

    /// "sessions" or "messages".
    public string Phase { get; }

    public DateTime Start { get; }

    public DateTime Through { get; }

    public DateTime To { get; }

    public long Sessions { get; }

    public long Messages { get; }

    /// Page requests of the whole run so far, and of this phase.
    public int Requests { get; }

    public int PhaseRequests { get; }
}
