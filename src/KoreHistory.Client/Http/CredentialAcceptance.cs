namespace KoreHistory.Client;

// Whether the API has accepted this connection's credentials at least once (any 200). With minted tokens, a 401
// after that is a replay or clock-skew refusal that a later attempt can overcome; before it, the credentials are wrong.
internal sealed class CredentialAcceptance
{
    private int accepted;

    public bool Accepted => Volatile.Read(ref accepted) == 1;

    public void Observe(int status)
    {
        if (status == 200)
        {
            Volatile.Write(ref accepted, 1);
        }
    }
}
