namespace KoreHistory.Client;

// The session ids a read's messages belonged to (pages may arrive on several threads at once). Only a read by session
// id needs them (its follow-up looks for the ids that returned nothing); any other read only tells whether it saw any
// message, so that a long export does not keep an id per session it read.
internal sealed class SessionsSeen
{
    private readonly HashSet<string> ids = new(StringComparer.Ordinal);
    private readonly bool keepIds;
    private bool any;

    public SessionsSeen(bool keepIds = true)
    {
        this.keepIds = keepIds;
    }

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
                if (!keepIds)
                {
                    break;
                }

                ids.Add(message.SessionId);
            }
        }
    }
}
