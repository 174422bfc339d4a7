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

    // A page goes into a buffer from `buffers` (PageBody), given back when the read fails.
    public static async Task<ApiAnswer> ReadAsync(HttpResponseMessage response, TimeSpan stallTimeout, TimeProvider time, PageBuffers buffers, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var retryAfter = RetryAfter.Of(response, time);
        if (status != 200)
        {
            byte[] error;
            try
            {
                (error, _) = await ReadBodyAsync(response, MaxErrorBytes, null, stallTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested
                && exception is IOException or InvalidDataException or UnusablePageException or HttpRequestException)
            {
                // The status says what happened; a body that cannot be read adds nothing to it.
                error = [];
            }

            return new ApiAnswer(status, error, retryAfter);
        }

        PageBody page;
        try
        {
            var (buffer, length) = await ReadBodyAsync(response, MaxPageBytes, buffers, stallTimeout, cancellationToken).ConfigureAwait(false);
            page = new PageBody(buffer, length, buffers);
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

        try
        {
            PageBodyCheck.Check(page.Buffer, page.Length, response.Content?.Headers.ContentType?.MediaType);
        }
        catch
        {
            page.Dispose();
            throw;
        }

        return new ApiAnswer(page, retryAfter);
    }

    // The body decoded: an error's first `limit` bytes in an array of their own (no buffers), or a page, whole, in a
    // buffer from `buffers` (given back if the read fails), refused past `limit` bytes (ResponseTooLargeException).
    private static async Task<(byte[] Buffer, int Length)> ReadBodyAsync(HttpResponseMessage response, long limit, PageBuffers? buffers, TimeSpan stallTimeout, CancellationToken cancellationToken)
    {
        var truncate = buffers is null;
        var content = response.Content;
        if (content is null)
        {
            return ([], 0);
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
        var size = (int)Math.Min(limit, !gzip && length is long known ? Math.Max(known, 1) : 64 * 1024);
        var buffer = buffers?.Rent(size) ?? new byte[size];
        var filled = 0;
        var probe = new byte[1];
        try
        {
            while (true)
            {
                var capacity = (int)Math.Min(buffer.Length, limit);
                if (filled == capacity)
                {
                    if (filled >= limit && truncate)
                    {
                        return (buffer, filled);
                    }

                    // Full: one byte more tells the end of the body from a body that goes on.
                    if (await decoded.ReadAsync(probe, 0, 1, cancellationToken).ConfigureAwait(false) == 0)
                    {
                        return (buffer, filled);
                    }

                    if (filled >= limit)
                    {
                        throw new ResponseTooLargeException(limit, compressed: false);
                    }

                    buffer = Grown(buffer, filled, (int)Math.Min(limit, (long)buffer.Length * 2), buffers);
                    buffer[filled++] = probe[0];
                    continue;
                }

                var read = await decoded.ReadAsync(buffer, filled, capacity - filled, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    if (truncate && filled < buffer.Length)
                    {
                        Array.Resize(ref buffer, filled);
                    }

                    return (buffer, filled);
                }

                filled += read;
            }
        }
        catch when (buffers is not null)
        {
            buffers.Return(buffer);
            throw;
        }
    }

    // A larger buffer holding the first `filled` bytes: an array of its own, or one from `buffers` (the old one given back).
    private static byte[] Grown(byte[] buffer, int filled, int size, PageBuffers? buffers)
    {
        if (buffers is null)
        {
            Array.Resize(ref buffer, size);
            return buffer;
        }

        var larger = buffers.Rent(size);
        Buffer.BlockCopy(buffer, 0, larger, 0, filled);
        buffers.Return(buffer);
        return larger;
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
