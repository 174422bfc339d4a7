namespace KoreHistory.Client;

// What one attempt brought back: the status, the body (a whole page for 200, else its first bytes), and what the
// retry needs of the headers.
internal sealed class ApiAnswer
{
    private KoreErrorBody? error;

    public ApiAnswer(int status, byte[] body, TimeSpan? retryAfter)
    {
        Status = status;
        Body = body;
        RetryAfter = retryAfter;
    }

    public int Status { get; }

    public byte[] Body { get; }

    // The server's Retry-After, as a wait from when the answer arrived; null when it sent none.
    public TimeSpan? RetryAfter { get; }

    // The {"errors":[…]} of a non-200 answer, read leniently (empty when the body is not one).
    public KoreErrorBody Error => error ??= KoreErrorBody.Parse(Body);
}
