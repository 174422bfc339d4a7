namespace KoreHistory.Client;

// The session ids a read's messages belonged to (pages may arrive on several threads at once).
internal sealed class SessionsSeen
{
    private readonly HashSet<string> ids = new(StringComparer.Ordinal);
    private bool any;

    public bool Any
    {
        get
        {
            lock (ids)
            {
                return any;
            }
        }
    }

    public bool Saw(string sessionId)
    {
        lock (ids)
        {
            return ids.Contains(sessionId);
        }
    }

    public void Add(IEnumerable<KoreMessage> messages)
    {
        lock (ids)
        {
            foreach (var message in messages)
            {
                any = true;
                ids.Add(message.SessionId);
            }
        }
    }
}
