namespace KoreHistory.Client;

// What a look-up found: the sessions (in the order asked), the ids the API does not know, whether the platform
// ignored the sessionId filter (so sessions were looked for by date), and sessions older than 14 days whose
// sessionTags the API left out and a read by date did not return either.
internal sealed class SessionLookup
{
    public SessionLookup(IReadOnlyList<KoreSession> sessions, IReadOnlyList<string> unknown, bool filterIgnored, IReadOnlyList<string> tagsMissing)
    {
        Sessions = sessions;
        Unknown = unknown;
        FilterIgnored = filterIgnored;
        TagsMissing = tagsMissing;
    }

    public IReadOnlyList<KoreSession> Sessions { get; }

    public IReadOnlyList<string> Unknown { get; }

    public bool FilterIgnored { get; }

    public IReadOnlyList<string> TagsMissing { get; }
}
