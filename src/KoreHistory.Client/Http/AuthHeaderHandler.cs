namespace KoreHistory.Client;

// Puts the `auth` header on each attempt: a freshly minted token, or the ready-made one.
internal sealed class AuthHeaderHandler : DelegatingHandler
{
    private readonly KoreCredential credential;
    private readonly TokenMinter? minter;
    private readonly Func<DateTimeOffset> utcNow;

    public AuthHeaderHandler(KoreCredential credential, Func<DateTimeOffset> utcNow)
    {
        this.credential = credential;
        this.utcNow = utcNow;
        minter = credential.CanMintTokens ? new TokenMinter(credential, utcNow) : null;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string token;
        if (minter is not null)
        {
            token = minter.Mint();
        }
        else
        {
            token = credential.RevealToken();
            if (ReadyMadeToken.ExpiryOf(token) is { } expiry && expiry <= utcNow())
            {
                throw new KoreAuthenticationException(
                    $"The ready-made token expired at {QueryRules.Iso(expiry)}. Connect again with a fresh token, or with a client id and secret so tokens are minted for you.",
                    new KoreErrorDetails(null, null, null, request.Method.Method, request.RequestUri?.PathAndQuery));
            }
        }

        request.Headers.Remove("auth");
        request.Headers.TryAddWithoutValidation("auth", token);
        return base.SendAsync(request, cancellationToken);
    }
}

// With a minted token, a 401 may be a JTI replay or clock skew: one more try with a fresh token.
internal sealed class AuthRefreshHandler : DelegatingHandler
{
    private readonly bool canMint;

    public AuthRefreshHandler(bool canMint)
    {
        this.canMint = canMint;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!canMint || response.StatusCode != System.Net.HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        return await base.SendAsync(RequestState.CopyOf(request, body), cancellationToken).ConfigureAwait(false);
    }
}

// Waits for a place in the bot's rolling windows before each attempt.
internal sealed class PacingHandler : DelegatingHandler
{
    private readonly Func<string, RollingWindowPacer> pacerFor;

    public PacingHandler(Func<string, RollingWindowPacer> pacerFor)
    {
        this.pacerFor = pacerFor;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var slot = await pacerFor(RequestState.Of(request).PaceKey).AcquireAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            slot.Complete();
        }
    }
}

// Reports each attempt (method, path, body, status, time, attempt number) to the caller's callback.
internal sealed class LoggingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var state = RequestState.Of(request);
        var attempt = state.NextAttempt();
        var started = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            Report(state, request, (int)response.StatusCode, started.Elapsed, attempt, null);
            return response;
        }
        catch (Exception exception) when (exception is not KoreException)
        {
            var failure = exception is OperationCanceledException ? "cancelled or timed out" : exception.GetType().Name;
            Report(state, request, null, started.Elapsed, attempt, failure);
            throw;
        }
    }

    private static void Report(RequestState state, HttpRequestMessage request, int? status, TimeSpan elapsed, int attempt, string? failure)
    {
        state.Options?.OnRequest?.Invoke(new KoreRequestLog(
            request.Method.Method, request.RequestUri?.PathAndQuery ?? "", state.BodyText, status, elapsed, attempt, failure));
    }
}
