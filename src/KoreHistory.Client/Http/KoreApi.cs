using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using Polly;

namespace KoreHistory.Client;

// A connection's HTTP side: one HttpClient (auth header → transport) and one resilience pipeline (RequestPipeline),
// both built once. Each attempt sends the request, reads the response within its caps (ResponseReader) and reports
// itself to OnRequest; every final failure becomes the KoreException a script can act on, from the same
// classification (FailureClassifier) that decided whether to retry.
internal sealed class KoreApi : IDisposable
{
    private readonly HttpClient httpClient;
    private readonly ResiliencePipeline<ApiAnswer> pipeline;
    private readonly FailureClassifier classifier;
    private readonly CredentialAcceptance acceptance = new();
    private readonly KoreConnectionSettings settings;
    private readonly KoreCredential credential;
    private readonly TimeProvider time;
    private readonly ConcurrentDictionary<string, RollingWindowPacer> pacers = new(StringComparer.Ordinal);
    private readonly PageBuffers pageBuffers = new();

    public KoreApi(KoreConnectionSettings settings, KoreCredential credential, TimeProvider time)
    {
        this.settings = settings;
        this.credential = credential;
        this.time = time;
        EnableTls12OnNetFramework();
        var primary = new HttpClientHandler
        {
            // Decompressed by ResponseReader, so that its size cap sees the expanded bytes as they come.
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            AllowAutoRedirect = false,
            // Over plain http (loopback only, see ConnectionSettingsRules) a proxy would see the token in clear: such
            // a connection never uses one. Over https a proxy sees only the encrypted tunnel.
            UseProxy = settings.BaseUri.Scheme == Uri.UriSchemeHttps,
        };
        AllowConnections(primary, settings.MaxConcurrentRequests);
        var builder = new KoreHandlerBuilder(primary);
        builder.AdditionalHandlers.Add(new AuthHeaderHandler(credential, time));
        httpClient = new HttpClient(builder.Build(), disposeHandler: true)
        {
            BaseAddress = settings.BaseUri,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        httpClient.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", settings.UserAgent);
        httpClient.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        httpClient.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        classifier = new FailureClassifier(credential.CanMintTokens ? acceptance : null);
        pipeline = RequestPipeline.Build(settings, classifier, credential.CanMintTokens, PacerFor, time);
    }

    // The bot's pacer for this connection: its own limits, over the log it shares with every connection of the
    // process to the same host and bot (SharedPacingLogs).
    private RollingWindowPacer PacerFor(string paceKey) =>
        pacers.GetOrAdd(paceKey, key => new RollingWindowPacer(
            SharedPacingLogs.For(time, settings.BaseUri, key),
            (settings.RequestsPerMinute, settings.MinuteWindow),
            (settings.RequestsPerHour, settings.HourWindow)));

    public async Task<byte[]> PostAsync(string pathAndQuery, byte[] body, string paceKey, KoreReadOptions? options, CancellationToken cancellationToken)
    {
        using var page = await PostForPageAsync(pathAndQuery, body, paceKey, options, cancellationToken).ConfigureAwait(false);
        return page.ToArray();
    }

    // The page in a reused buffer (PageBody), for the caller to parse and then dispose.
    public async Task<PageBody> PostForPageAsync(string pathAndQuery, byte[] body, string paceKey, KoreReadOptions? options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        options?.RequestBudget?.Take();
        var request = new ApiRequest(pathAndQuery, body, paceKey, options, time, cancellationToken);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ApiRequest.Key, request);
        Outcome<ApiAnswer> outcome;
        try
        {
            outcome = await pipeline.ExecuteOutcomeAsync(
                static (attemptContext, state) => state.Api.AttemptAsync(attemptContext, state.Request),
                context,
                (Api: this, Request: request)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (classifier.Classify(outcome) is not { } failure)
        {
            return outcome.Result!.Page!;
        }

        cancellationToken.ThrowIfCancellationRequested();
        throw ErrorOf(failure, request);
    }

    public void Dispose() => httpClient.Dispose();

    // One attempt: send, read within the caps, report to OnRequest. Failures are returned as outcomes; one cut short
    // by the attempt's token is returned as a cancellation, which the timeout strategy turns into its timeout.
    private async ValueTask<Outcome<ApiAnswer>> AttemptAsync(ResilienceContext context, ApiRequest request)
    {
        var token = context.CancellationToken;
        var attempt = request.NextAttempt();
        var started = time.GetTimestamp();
        int? status = null;
        try
        {
            using var message = request.NewMessage();
            using var response = await httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            status = (int)response.StatusCode;
            var answer = await ResponseReader.ReadAsync(response, settings.StallTimeout, time, pageBuffers, token).ConfigureAwait(false);
            acceptance.Observe(answer.Status);
            Report(request, attempt, status, time.GetElapsedTime(started), null);
            return Outcome.FromResult(answer);
        }
        catch (KoreException exception)
        {
            // Refused before sending (an expired ready-made token): nothing reached the wire, nothing to report.
            return Outcome.FromException<ApiAnswer>(exception);
        }
        catch (Exception exception) when (token.IsCancellationRequested)
        {
            Report(request, attempt, status, time.GetElapsedTime(started), request.Cancellation.IsCancellationRequested ? "cancelled" : "timed out");
            return Outcome.FromException<ApiAnswer>(exception as OperationCanceledException ?? new OperationCanceledException(token));
        }
        catch (Exception exception)
        {
            Report(request, attempt, status, time.GetElapsedTime(started), Shorten(FailureClassifier.CertificateCause(exception)?.Message ?? exception.Message));
            return Outcome.FromException<ApiAnswer>(exception);
        }
    }

    private static void Report(ApiRequest request, int attempt, int? status, TimeSpan elapsed, string? failure) =>
        request.Options?.OnRequest?.Invoke(new KoreRequestLog("POST", request.Path, request.BodyText, status, elapsed, attempt, failure is null ? null : ServerText.Printable(failure)));

    private KoreException ErrorOf(AttemptFailure failure, ApiRequest request)
    {
        var attempts = request.Attempts;
        var path = request.Path;
        if (failure.Answer is { } answer)
        {
            var error = answer.Error;
            var details = new KoreErrorDetails(answer.Status, error.Code, error.Message, "POST", path);
            return failure.Kind switch
            {
                FailureKind.RateLimited => new KoreRateLimitException(
                    $"The rate limit was still reached after {attempts} attempt(s); {(answer.RetryAfter is { } wait && wait > TimeSpan.Zero ? $"the API asks to wait {Describe(wait)}" : "try again later")}.",
                    details,
                    answer.RetryAfter),
                FailureKind.Unauthorized => new KoreAuthenticationException(AuthenticationAdvice(), details),
                FailureKind.Refused => new KoreValidationException("The API refused the request's arguments.", null, details),
                FailureKind.ServerError => new KoreTransportException($"The API failed after {attempts} attempt(s).", details),
                _ => new KoreResponseException("The API answered with an unexpected status.", details),
            };
        }

        var exception = failure.Exception!;
        var noStatus = new KoreErrorDetails(null, null, null, "POST", path);
        var page = new KoreErrorDetails(200, null, null, "POST", path);
        return failure.Kind switch
        {
            FailureKind.Final when exception is KoreException kore => kore,
            FailureKind.AttemptTimedOut => new KoreTransportException(
                $"The API did not answer after {attempts} attempt(s): no response within {Seconds(settings.RequestTimeout)} s.", noStatus, exception),
            FailureKind.BodyStalled => new KoreTransportException(
                $"The API stopped sending after {attempts} attempt(s): {exception.Message}.", noStatus, exception),
            FailureKind.CertificateRefused => new KoreTransportException(
                $"The TLS certificate of {settings.BaseUri.Host} was refused, so nothing was sent (not retried): {FailureClassifier.CertificateCause(exception)!.Message.TrimEnd('.')}.",
                noStatus,
                FailureClassifier.CertificateCause(exception)),
            FailureKind.ConnectionFailed => new KoreTransportException(
                $"The connection to {settings.BaseUri.Host} failed after {attempts} attempt(s): {exception.Message}", noStatus, exception),
            FailureKind.TooLarge => new KoreResponseException(
                $"The API's answer was refused (not retried): {exception.Message} (a getMessagesV2 page of 10,000 messages is some 25 MB).", page, exception),
            FailureKind.UnusablePage when failure.Retry == RetryRule.Never => new KoreResponseException(
                $"The API sent an unusable page (not retried): {exception.Message}.", page, exception),
            FailureKind.UnusablePage => new KoreResponseException(
                $"The API kept sending an unusable page after {attempts} attempt(s): {exception.Message}.", page, exception),
            _ => Rethrow(exception),
        };
    }

    // What the classifier does not know (a defect, not a server's doing) goes on as it was thrown.
    private static KoreException Rethrow(Exception exception)
    {
        ExceptionDispatchInfo.Capture(exception).Throw();
        throw exception;
    }

    private string AuthenticationAdvice()
    {
        if (credential.CanMintTokens)
        {
            return $"The API refused the credentials of client id {credential.ClientId} (check the client id, secret, bot id and the app's API scopes).";
        }

        var expiry = ReadyMadeToken.ExpiryOf(credential.RevealToken());
        return expiry is { } at && at <= time.GetUtcNow()
            ? $"The ready-made token expired at {QueryRules.Iso(at)}. Connect again with a fresh token, or with a client id and secret so tokens are minted for you."
            : "The API refused the ready-made token (expired, revoked, or without the needed scope). Connect again with a fresh token, or with a client id and secret.";
    }

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length > 200 ? text.Substring(0, 200) + "…" : text;

    private static string Describe(TimeSpan wait)
    {
        if (wait >= TimeSpan.FromMinutes(2))
        {
            return $"{Math.Ceiling(wait.TotalMinutes):0} minutes";
        }

        var seconds = Math.Max(1, Math.Ceiling(wait.TotalSeconds));
        return seconds == 1 ? "1 second" : $"{seconds:0} seconds";
    }

    // .NET Framework allows 2 connections per host by default: enough only for MaxConcurrentRequests of 2.
    private static void AllowConnections(HttpClientHandler handler, int concurrent)
    {
        try
        {
            if (handler.MaxConnectionsPerServer < concurrent)
            {
                handler.MaxConnectionsPerServer = concurrent;
            }
        }
        catch (PlatformNotSupportedException)
        {
        }
    }

    // Windows PowerShell 5.1 runs on .NET Framework, whose HttpClientHandler may still default to TLS 1.0/1.1
    // (before 4.7, or when the machine is configured so); Kore's hosts need TLS 1.2. Added, never removed.
    private static void EnableTls12OnNetFramework()
    {
        if (System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal)
            && ServicePointManager.SecurityProtocol != 0)
        {
            ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12;
        }
    }
}
