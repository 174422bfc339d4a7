namespace KoreHistory.Client;

// What one attempt brought back: the status, the body (a whole page for 200, in a reused buffer; else its first bytes),
// and what the retry needs of the headers.
internal sealed class ApiAnswer
{
    private KoreErrorBody? error;

    public ApiAnswer(int status, byte[] body, TimeSpan? retryAfter)
    {
        Status = status;
        Body = body;
        RetryAfter = retryAfter;
    }

    public ApiAnswer(PageBody page, TimeSpan? retryAfter)
        : this(200, [], retryAfter)
    {
        Page = page;
    }

    public int Status { get; }

    // The body of an answer other than a page.
    public byte[] Body { get; }

    // A 200's page, for the caller to parse and then dispose.
    public PageBody? Page { get; }

    // The server's Retry-After, as a wait from when the answer arrived; null when it sent none.
    public TimeSpan? RetryAfter { get; }

    // The {"errors":[…]} of a non-200 answer, read leniently (empty when the body is not one).
    public KoreErrorBody Error => error ??= KoreErrorBody.Parse(Body);
}
