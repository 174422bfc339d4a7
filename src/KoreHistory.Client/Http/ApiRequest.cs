using System.Net.Http.Headers;
using System.Text;
using Polly;

namespace KoreHistory.Client;

// One logical request (a page): what is sent, against which budget, who hears about it, and what its attempts have
// used so far. It travels in the ResilienceContext of its execution; every attempt sends a fresh copy of it.
internal sealed class ApiRequest
{
    public static readonly ResiliencePropertyKey<ApiRequest> Key = new("KoreHistory.ApiRequest");

    private readonly TimeProvider time;
    private readonly long started;
    private long pacingTicks;
    private int attempts;
    private int unusablePageRetries;
    private string? bodyText;

    public ApiRequest(string pathAndQuery, byte[] body, string paceKey, KoreReadOptions? options, TimeProvider time, CancellationToken cancellation)
    {
        this.time = time;
        started = time.GetTimestamp();
        PathAndQuery = pathAndQuery.TrimStart('/');
        Body = body;
        PaceKey = paceKey;
        Options = options;
        Cancellation = cancellation;
    }

    public string PathAndQuery { get; }

    // "/api/public/…" with its query, as errors and logs show it.
    public string Path => "/" + PathAndQuery;

    public byte[] Body { get; }

    public string BodyText => bodyText ??= Encoding.UTF8.GetString(Body);

    public string PaceKey { get; }

    public KoreReadOptions? Options { get; }

    // The caller's token (the attempt's own token is also cancelled by the per-attempt timeout).
    public CancellationToken Cancellation { get; }

    public int Attempts => Volatile.Read(ref attempts);

    // Time spent on this request in attempts and retry waits; waits for the bot's pacing budget are not counted.
    public TimeSpan RetryTimeUsed => time.GetElapsedTime(started) - TimeSpan.FromTicks(Interlocked.Read(ref pacingTicks));

    public static ApiRequest Of(ResilienceContext context) => context.Properties.GetValue(Key, null!)
        ?? throw new InvalidOperationException("A request reached the Kore pipeline without its state.");

    public int NextAttempt() => Interlocked.Increment(ref attempts);

    public void AddPacingWait(TimeSpan waited) => Interlocked.Add(ref pacingTicks, waited.Ticks);

    // An unusable 200 (an HTML page, malformed JSON) may be a passing proxy page: it is retried once, never more.
    public bool TakeUnusablePageRetry() => Interlocked.Increment(ref unusablePageRetries) == 1;

    public HttpRequestMessage NewMessage()
    {
        var message = new HttpRequestMessage(HttpMethod.Post, PathAndQuery) { Content = new ByteArrayContent(Body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return message;
    }
}
