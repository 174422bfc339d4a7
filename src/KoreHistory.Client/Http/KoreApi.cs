using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace KoreHistory.Client;

// One HttpClient pipeline per connection: retry → 401 refresh → pacing → logging → auth header → HTTP.
// Turns every final failure into the KoreException a script can act on.
internal sealed class KoreApi : IDisposable
{
    private readonly HttpClient httpClient;
    private readonly KoreConnectionSettings settings;
    private readonly KoreCredential credential;
    private readonly Func<DateTimeOffset> utcNow;
    private readonly ConcurrentDictionary<string, RollingWindowPacer> pacers = new(StringComparer.Ordinal);
    private readonly IPacingClock pacingClock;

    public KoreApi(KoreConnectionSettings settings, KoreCredential credential, Func<DateTimeOffset> utcNow, IPacingClock pacingClock)
    {
        this.settings = settings;
        this.credential = credential;
        this.utcNow = utcNow;
        this.pacingClock = pacingClock;
        EnableTls12OnNetFramework();
        var primary = new HttpClientHandler
        {
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            UseCookies = false,
            AllowAutoRedirect = false,
        };
        AllowConnections(primary, settings.MaxConcurrentRequests);
        var builder = new KoreHandlerBuilder(primary);
        var proof = new CredentialProof();
        builder.AdditionalHandlers.Add(new RetryHandler(settings, utcNow, credential.CanMintTokens ? proof : null));
        builder.AdditionalHandlers.Add(new AuthRefreshHandler(credential.CanMintTokens, proof));
        builder.AdditionalHandlers.Add(new PacingHandler(PacerFor));
        builder.AdditionalHandlers.Add(new LoggingHandler());
        builder.AdditionalHandlers.Add(new AuthHeaderHandler(credential, utcNow));
        httpClient = new HttpClient(builder.Build(), disposeHandler: true)
        {
            BaseAddress = settings.BaseUri,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        httpClient.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", settings.UserAgent);
        httpClient.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    internal RollingWindowPacer PacerFor(string paceKey) =>
        pacers.GetOrAdd(paceKey, _ => new RollingWindowPacer(
            pacingClock,
            (settings.RequestsPerMinute, settings.MinuteWindow),
            (settings.RequestsPerHour, settings.HourWindow)));

    public async Task<byte[]> PostAsync(string pathAndQuery, byte[] body, string paceKey, KoreReadOptions? options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var request = new HttpRequestMessage(HttpMethod.Post, pathAndQuery.TrimStart('/'))
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Properties[RequestState.PropertyKey] = new RequestState(paceKey, options, Encoding.UTF8.GetString(body));
        var path = "/" + pathAndQuery.TrimStart('/');
        HttpResponseMessage response;
        try
        {
            response = await httpClient.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (KoreException)
        {
            throw;
        }
        catch (InvalidBodyException exception)
        {
            throw new KoreResponseException(
                $"The API kept sending an unusable page after {RequestState.Of(request).Attempts} attempt(s): {exception.Message}.",
                new KoreErrorDetails(200, null, null, "POST", path), exception);
        }
        catch (AttemptTimeoutException exception)
        {
            throw new KoreTransportException(
                $"The API did not answer after {RequestState.Of(request).Attempts} attempt(s): {exception.Message}.",
                new KoreErrorDetails(null, null, null, "POST", path), exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or OperationCanceledException)
        {
            throw new KoreTransportException(
                $"The connection to {settings.BaseUri.Host} failed after {RequestState.Of(request).Attempts} attempt(s): {exception.Message}",
                new KoreErrorDetails(null, null, null, "POST", path), exception);
        }

        using (response)
        {
            var bytes = response.Content is BufferedContent buffered
                ? buffered.Bytes
                : await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return bytes;
            }

            throw Failure(response, bytes, path, RequestState.Of(request).Attempts);
        }
    }

    private KoreException Failure(HttpResponseMessage response, byte[] bytes, string path, int attempts)
    {
        var status = (int)response.StatusCode;
        var error = KoreErrorBody.Parse(bytes);
        var details = new KoreErrorDetails(status, error.Code, error.Message, "POST", path);
        if (status == 429 || KoreErrorBody.SaysRateLimit(error.Message))
        {
            var retryAfter = RetryAfter.Of(response, utcNow);
            var when = retryAfter is { } wait ? $"the API asks to wait {Describe(wait)}" : "try again later";
            return new KoreRateLimitException(
                $"The rate limit was still reached after {attempts} attempt(s); {when}.", details, retryAfter);
        }

        switch (status)
        {
            case 401:
            case 403:
                return new KoreAuthenticationException(AuthenticationAdvice(), details);
            case 400:
            case 412:
                return new KoreValidationException("The API refused the request's arguments.", null, details);
            case >= 500:
                return new KoreTransportException($"The API failed after {attempts} attempt(s).", details);
            default:
                return new KoreResponseException("The API answered with an unexpected status.", details);
        }
    }

    private string AuthenticationAdvice()
    {
        if (credential.CanMintTokens)
        {
            return $"The API refused the credentials of client id {credential.ClientId} (check the client id, secret, bot id and the app's API scopes).";
        }

        var expiry = ReadyMadeToken.ExpiryOf(credential.RevealToken());
        return expiry is { } at && at <= utcNow()
            ? $"The ready-made token expired at {QueryRules.Iso(at)}. Connect again with a fresh token, or with a client id and secret so tokens are minted for you."
            : "The API refused the ready-made token (expired, revoked, or without the needed scope). Connect again with a fresh token, or with a client id and secret.";
    }

    public void Dispose() => httpClient.Dispose();

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
