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

// With a minted token, a 401 may be a JTI replay or clock skew: one more try with a fresh token. Once the
// connection's credentials have been accepted, a 401 that outlives that try is passed on to the retry handler as
// transient (CredentialProof); before that, it means the credentials are wrong and fails at once.
internal sealed class AuthRefreshHandler : DelegatingHandler
{
    private readonly bool canMint;
    private readonly CredentialProof proof;

    public AuthRefreshHandler(bool canMint, CredentialProof proof)
    {
        this.canMint = canMint;
        this.proof = proof;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!canMint || response.StatusCode != System.Net.HttpStatusCode.Unauthorized)
        {
            proof.Observe(response);
            return response;
        }

        response.Dispose();
        response = await base.SendAsync(RequestState.CopyOf(request, body), cancellationToken).ConfigureAwait(false);
        proof.Observe(response);
        return response;
    }
}

// Whether the API has accepted this connection's credentials at least once (any 200).
internal sealed class CredentialProof
{
    private int accepted;

    public bool Accepted => Volatile.Read(ref accepted) == 1;

    public void Observe(HttpResponseMessage response)
    {
        if (response.StatusCode == System.Net.HttpStatusCode.OK)
        {
            Volatile.Write(ref accepted, 1);
        }
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
        var state = RequestState.Of(request);
        var onWait = state.Options?.OnWait;
        var slot = await pacerFor(state.PaceKey)
            .AcquireAsync(cancellationToken, onWait is null ? null : wait => onWait(new KoreWait(wait, $"the rate-limit budget of {state.PaceKey} is in use")))
            .ConfigureAwait(false);
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
