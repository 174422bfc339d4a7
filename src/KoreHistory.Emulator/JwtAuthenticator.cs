using System.Collections.Concurrent;
using System.IdentityModel.Tokens.Jwt;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace KoreHistory.Emulator;

/// Checks the "auth" header against the registered apps, as Kore's public API does.
internal sealed class JwtAuthenticator
{
    private static readonly TimeSpan MaxJtiLifetime = TimeSpan.FromHours(1);

    // Microsoft.IdentityModel refuses HS256 keys under 256 bits (IDX10720). Kore does not, and a short demo secret
    // typed on the command line must still work from any HTTP client, so such keys are checked with HMACSHA256 here.
    private const int LibraryMinimumKeyBytes = 32;

    private readonly Dictionary<string, (EmulatorApp App, SymmetricSecurityKey Key)> apps;
    private readonly ConcurrentDictionary<string, DateTimeOffset> seenJtis = new(StringComparer.Ordinal);
    private readonly JwtSecurityTokenHandler handler = new() { MapInboundClaims = false };

    public JwtAuthenticator(IEnumerable<EmulatorApp> apps)
    {
        this.apps = new Dictionary<string, (EmulatorApp, SymmetricSecurityKey)>(StringComparer.Ordinal);
        foreach (var app in apps)
            this.apps[app.ClientId] = (app, new SymmetricSecurityKey(Encoding.UTF8.GetBytes(app.ClientSecret)));
    }

    /// Returns the app, or the error to answer with.
    public (EmulatorApp? App, ApiError? Error) Authenticate(string? token)
    {
        if (string.IsNullOrWhiteSpace(token)) return (null, ApiError.InvalidCredentials);
        JwtSecurityToken jwt;
        try
        {
            if (!handler.CanReadToken(token)) return (null, ApiError.InvalidToken);
            jwt = handler.ReadJwtToken(token);
        }
        catch (ArgumentException) { return (null, ApiError.InvalidToken); }
        catch (SecurityTokenException) { return (null, ApiError.InvalidToken); }

        if (!jwt.Payload.TryGetValue("appId", out var appIdValue) || appIdValue is not string appId
            || !apps.TryGetValue(appId, out var entry))
        {
            return (null, ApiError.InvalidCredentials);
        }

        var shortKey = entry.Key.Key.Length < LibraryMinimumKeyBytes;
        if (shortKey && (jwt.Header.Alg != SecurityAlgorithms.HmacSha256 || !HasValidSignature(token, entry.Key.Key)))
            return (null, ApiError.InvalidToken);
        var parameters = new TokenValidationParameters
        {
            IssuerSigningKey = entry.Key,
            SignatureValidator = shortKey ? (t, _) => handler.ReadJwtToken(t) : null,
            ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256 },
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = true,
            RequireExpirationTime = false,
            RequireSignedTokens = true,
            ClockSkew = TimeSpan.FromMinutes(1),
        };
        try { handler.ValidateToken(token, parameters, out _); }
        catch (SecurityTokenException) { return (null, ApiError.InvalidToken); }
        catch (ArgumentException) { return (null, ApiError.InvalidToken); }

        var jti = jwt.Payload.Jti;
        if (string.IsNullOrEmpty(jti))
            return entry.App.EnforceJti ? (null, ApiError.JtiMissing) : (entry.App, null);

        // With a jti, exp must be at most an hour after iat and the token cannot be used twice.
        var iat = jwt.Payload.IssuedAt;
        var exp = jwt.Payload.Expiration;
        if (exp is null || !jwt.Payload.ContainsKey("iat") || DateTimeOffset.FromUnixTimeSeconds(exp.Value) - new DateTimeOffset(iat, TimeSpan.Zero) > MaxJtiLifetime)
            return (null, ApiError.ExpiryTooFar);
        var now = DateTimeOffset.UtcNow;
        if (seenJtis.Count > 10_000) Prune(now);
        if (!seenJtis.TryAdd(appId + "\n" + jti, DateTimeOffset.FromUnixTimeSeconds(exp.Value).AddMinutes(2)))
            return (null, ApiError.Replay);
        return (entry.App, null);
    }

    private static bool HasValidSignature(string token, byte[] key)
    {
        var lastDot = token.LastIndexOf('.');
        var expected = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(token[..lastDot]));
        byte[] actual;
        try { actual = Base64UrlEncoder.DecodeBytes(token[(lastDot + 1)..]); }
        catch (FormatException) { return false; }
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var pair in seenJtis)
            if (pair.Value < now) seenJtis.TryRemove(pair.Key, out _);
    }
}
