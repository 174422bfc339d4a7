namespace KoreHistory.Client;

// Puts the `auth` header on each attempt: a freshly minted token, or the ready-made one.
internal sealed class AuthHeaderHandler : DelegatingHandler
{
    private readonly KoreCredential credential;
    private readonly TokenMinter? minter;
    private readonly TimeProvider time;

    public AuthHeaderHandler(KoreCredential credential, TimeProvider time)
    {
        this.credential = credential;
        this.time = time;
        minter = credential.CanMintTokens ? new TokenMinter(credential, time) : null;
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
            if (ReadyMadeToken.ExpiryOf(token) is { } expiry && expiry <= time.GetUtcNow())
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
