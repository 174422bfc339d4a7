using System.Net;
using System.Text.Json;
using Polly;
using Polly.Retry;

namespace KoreHistory.Client;

// Retries what a later attempt can fix: 429 (or a rate-limit message under another status), 500, 502,
// 503, 504, per-attempt timeouts, dropped connections, and 200 bodies that are not complete JSON.
// Honours Retry-After (seconds or date), otherwise exponential backoff with jitter; stops at MaxAttempts
// or when the next wait would take the total past MaxRetryWait. The caller's token cancels at once.
internal sealed class RetryHandler : DelegatingHandler
{
    private readonly int maxAttempts;
    private readonly TimeSpan maxRetryWait;
    private readonly TimeSpan baseDelay;
    private readonly TimeSpan attemptTimeout;
    private readonly Func<DateTimeOffset> utcNow;
    private readonly Random jitter = new();
    private readonly CredentialProof? mintedCredentialProof;

    // mintedCredentialProof: with minted tokens, a 401 after the credentials were once accepted is retried too.
    public RetryHandler(KoreConnectionSettings settings, Func<DateTimeOffset> utcNow, CredentialProof? mintedCredentialProof = null)
    {
        this.mintedCredentialProof = mintedCredentialProof;
        maxAttempts = settings.MaxAttempts;
        maxRetryWait = settings.MaxRetryWait;
        baseDelay = settings.RetryBaseDelay;
        attemptTimeout = settings.RequestTimeout;
        this.utcNow = utcNow;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        if (maxAttempts <= 1)
        {
            return await AttemptAsync(request, body, cancellationToken).ConfigureAwait(false);
        }

        var budget = new WaitBudget();
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = maxAttempts - 1,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, args.AttemptNumber, budget, args.Context.CancellationToken)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(budget.Next),
                OnRetry = args =>
                {
                    RequestState.Of(request).Options?.OnWait?.Invoke(new KoreWait(args.RetryDelay, $"retrying {request.Method} {request.RequestUri?.AbsolutePath} after {DescribeOutcome(args.Outcome)}"));
                    return default;
                },
            })
            .Build();

        return await pipeline.ExecuteAsync(
            token => new ValueTask<HttpResponseMessage>(AttemptAsync(request, body, token)),
            cancellationToken).ConfigureAwait(false);
    }

    private bool ShouldRetry(Outcome<HttpResponseMessage> outcome, int attemptNumber, WaitBudget budget, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        TimeSpan? retryAfter = null;
        if (outcome.Exception is { } exception)
        {
            if (exception is not (InvalidBodyException or AttemptTimeoutException or HttpRequestException or IOException))
            {
                return false;
            }
        }
        else if (outcome.Result is { } response)
        {
            if (!IsRetryable(response))
            {
                return false;
            }

            retryAfter = RetryAfter.Of(response, utcNow);
        }
        else
        {
            return false;
        }

        var delay = retryAfter ?? Backoff(attemptNumber);
        if (budget.Waited + delay > maxRetryWait)
        {
            return false;
        }

        budget.Next = delay;
        budget.Waited += delay;
        return true;
    }

    private static string DescribeOutcome(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response ? $"HTTP {(int)response.StatusCode}" : outcome.Exception?.Message ?? "a failure";

    private bool IsRetryable(HttpResponseMessage response) =>
        response.StatusCode switch
        {
            HttpStatusCode.OK => false,
            HttpStatusCode.Unauthorized => mintedCredentialProof?.Accepted == true,
            (HttpStatusCode)429 or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
                or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => true,
            _ => KoreErrorBody.SaysRateLimit(response),
        };

    // Exponential from baseDelay, with ±25 % jitter so parallel readers do not retry in step.
    private TimeSpan Backoff(int attemptNumber)
    {
        double factor;
        lock (jitter)
        {
            factor = 0.75 + (jitter.NextDouble() * 0.5);
        }

        var exponent = Math.Min(attemptNumber, 16);
        return TimeSpan.FromTicks((long)(baseDelay.Ticks * Math.Pow(2, exponent) * factor));
    }

    private async Task<HttpResponseMessage> AttemptAsync(HttpRequestMessage original, byte[]? body, CancellationToken cancellationToken)
    {
        using var attemptCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attemptCancellation.CancelAfter(attemptTimeout);
        var request = RequestState.CopyOf(original, body);
        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, attemptCancellation.Token).ConfigureAwait(false);
            using (attemptCancellation.Token.Register(() => response.Dispose()))
            {
                byte[] buffered;
                try
                {
                    buffered = await BufferAsync(response, attemptCancellation.Token).ConfigureAwait(false);
                }
                catch (IOException exception) when (response.StatusCode == HttpStatusCode.OK && !attemptCancellation.IsCancellationRequested)
                {
                    // The status arrived but the page did not: an unusable response, retried like an HTML page.
                    throw new InvalidBodyException($"the 200 response was cut off ({exception.Message.TrimEnd('.')})", exception);
                }

                if (response.StatusCode == HttpStatusCode.OK)
                {
                    CheckCompleteJson(response, buffered);
                }

                var content = new BufferedContent(buffered);
                foreach (var header in response.Content.Headers)
                {
                    content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                var streamed = response.Content;
                response.Content = content;
                streamed?.Dispose();
                return response;
            }
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && attemptCancellation.IsCancellationRequested
            && exception is OperationCanceledException or ObjectDisposedException or IOException or HttpRequestException)
        {
            response?.Dispose();
            throw new AttemptTimeoutException(attemptTimeout);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            cancellationToken.ThrowIfCancellationRequested();
            throw;
        }
        catch
        {
            response?.Dispose();
            throw;
        }
        finally
        {
            request.Dispose();
        }
    }

    private static async Task<byte[]> BufferAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content is null)
        {
            return [];
        }

        using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        if (response.Content.Headers.ContentLength is long length and >= 0 and < 256 * 1024 * 1024)
        {
            // Known length: read straight into the page's array (one copy, no resizing).
            var exact = new byte[length];
            var filled = 0;
            while (filled < exact.Length)
            {
                var read = await stream.ReadAsync(exact, filled, exact.Length - filled, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new IOException($"The response ended after {filled} of {length} bytes.");
                }

                filled += read;
            }

            return exact;
        }

        using var memory = new MemoryStream(16 * 1024);
        await stream.CopyToAsync(memory, 81920, cancellationToken).ConfigureAwait(false);
        return memory.ToArray();
    }

    private static void CheckCompleteJson(HttpResponseMessage response, byte[] body)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var first = Array.FindIndex(body, b => b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'));
        if (first < 0 || body[first] != (byte)'{')
        {
            throw new InvalidBodyException(
                $"the 200 response is not a JSON object (content type {mediaType ?? "none"}, {body.Length} bytes)");
        }

        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            while (reader.Read())
            {
            }
        }
        catch (JsonException exception)
        {
            throw new InvalidBodyException($"the 200 response is incomplete or malformed JSON ({body.Length} bytes)", exception);
        }
    }

    private sealed class WaitBudget
    {
        public TimeSpan Waited { get; set; }

        public TimeSpan Next { get; set; }
    }
}
