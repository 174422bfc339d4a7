using System.IO.Compression;

namespace KoreHistory.Client;

// Reads one response into an ApiAnswer, streamed and never past a cap: a page up to MaxPageBytes (on the wire and
// decompressed, gzip being decompressed here rather than by the handler so that the cap sees both sizes), an error
// body up to its first MaxErrorBytes (all that its {"errors":[…]} needs). A body that stops for the connection's
// StallTimeout is a stall. A 200 must be a complete JSON object no deeper than a page (PageBodyCheck).
internal static class ResponseReader
{
    // A getMessagesV2 page, the largest the API serves (10,000 messages), is some 25 MB at the 2.5 KB a message
    // that public production notes report (xob-cat, "Production Auto-Analyze Performance Issues": 1,000–2,000
    // messages in 2–5 MB): 64 MB is more than twice any real page, and a bomb stops there.
    public const long MaxPageBytes = 64L * 1024 * 1024;

    public const int MaxErrorBytes = 64 * 1024;

    public static async Task<ApiAnswer> ReadAsync(HttpResponseMessage response, TimeSpan stallTimeout, Func<DateTimeOffset> utcNow, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var retryAfter = RetryAfter.Of(response, utcNow);
        if (status != 200)
        {
            byte[] error;
            try
            {
                error = await ReadBodyAsync(response, MaxErrorBytes, truncate: true, stallTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested
                && exception is IOException or InvalidDataException or UnusablePageException or HttpRequestException)
            {
                // The status says what happened; a body that cannot be read adds nothing to it.
                error = [];
            }

            return new ApiAnswer(status, error, retryAfter);
        }

        byte[] body;
        try
        {
            body = await ReadBodyAsync(response, MaxPageBytes, truncate: false, stallTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is IOException or HttpRequestException)
        {
            // The status arrived but the page did not: an unusable response, retried like a dropped connection.
            throw new UnusablePageException(UnusablePageKind.CutOff, $"the 200 response was cut off ({exception.Message.TrimEnd('.')})", exception);
        }
        catch (InvalidDataException exception)
        {
            throw new UnusablePageException(UnusablePageKind.Malformed, "the 200 response's gzip data is corrupt", exception);
        }

        PageBodyCheck.Check(body, response.Content?.Headers.ContentType?.MediaType);
        return new ApiAnswer(status, body, retryAfter);
    }

    // The body decoded; past `limit` bytes it is cut there (truncate) or refused (ResponseTooLargeException).
    private static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, long limit, bool truncate, TimeSpan stallTimeout, CancellationToken cancellationToken)
    {
        var content = response.Content;
        if (content is null)
        {
            return [];
        }

        var gzip = IsGzip(content);
        var length = content.Headers.ContentLength;
        if (!truncate && length > limit)
        {
            throw new ResponseTooLargeException(limit, compressed: gzip);
        }

        var network = await content.ReadAsStreamAsync().ConfigureAwait(false);
        using var guarded = new GuardedStream(network, response, MaxPageBytes, gzip, stallTimeout, cancellationToken);
        using var decoded = gzip ? new GZipStream(guarded, CompressionMode.Decompress) : (Stream)guarded;
        var buffer = new byte[(int)Math.Min(limit, !gzip && length is long known ? Math.Max(known, 1) : 64 * 1024)];
        var filled = 0;
        var probe = new byte[1];
        while (true)
        {
            if (filled == buffer.Length)
            {
                if (filled >= limit && truncate)
                {
                    return buffer;
                }

                // Full: one byte more tells the end of the body from a body that goes on.
                if (await decoded.ReadAsync(probe, 0, 1, cancellationToken).ConfigureAwait(false) == 0)
                {
                    return buffer;
                }

                if (filled >= limit)
                {
                    throw new ResponseTooLargeException(limit, compressed: false);
                }

                Array.Resize(ref buffer, (int)Math.Min(limit, (long)buffer.Length * 2));
                buffer[filled++] = probe[0];
                continue;
            }

            var read = await decoded.ReadAsync(buffer, filled, buffer.Length - filled, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                if (filled < buffer.Length)
                {
                    Array.Resize(ref buffer, filled);
                }

                return buffer;
            }

            filled += read;
        }
    }

    // Only gzip is asked for (Accept-Encoding); any other coding cannot be read.
    private static bool IsGzip(HttpContent content)
    {
        var codings = content.Headers.ContentEncoding.Where(c => !c.Equals("identity", StringComparison.OrdinalIgnoreCase)).ToList();
        if (codings.Count == 0)
        {
            return false;
        }

        if (codings.Count == 1 && codings[0].Equals("gzip", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        throw new UnusablePageException(UnusablePageKind.NotJson, $"the response is encoded as {string.Join(", ", codings)}, which was not asked for");
    }
}
