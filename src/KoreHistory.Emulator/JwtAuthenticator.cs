using System.Collections.Concurrent;
using System.IdentityModel.Tokens.Jwt;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace KoreHistory.Emulator;

/// Checks the "auth" header against the registered apps, as Kore's public API does.
internal sealed class JwtAuthenticator
{
    private static readonly TimeSpan MaxJtiLifetime = TimeSpan.FromHours(1);
    private readonly Dictionary<string, (EmulatorApp App, SymmetricSecurityKey Key)> _apps;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seenJtis = new(StringComparer.Ordinal);
    private readonly JwtSecurityTokenHandler _handler = new() { MapInboundClaims = false };

    public JwtAuthenticator(IEnumerable<EmulatorApp> apps)
    {
        _apps = new Dictionary<string, (EmulatorApp, SymmetricSecurityKey)>(StringComparer.Ordinal);
        foreach (var app in apps)
            _apps[app.ClientId] = (app, new SymmetricSecurityKey(Encoding.UTF8.GetBytes(app.ClientSecret)));
    }

    /// Returns the app, or the error to answer with.
    public (EmulatorApp? App, ApiError? Error) Authenticate(string? token)
    {
        if (string.IsNullOrWhiteSpace(token)) return (null, ApiError.InvalidCredentials);
        JwtSecurityToken jwt;
        try
        {
            if (!_handler.CanReadToken(token)) return (null, ApiError.InvalidToken);
            jwt = _handler.ReadJwtToken(token);
        }
        catch (ArgumentException) { return (null, ApiError.InvalidToken); }
        catch (SecurityTokenException) { return (null, ApiError.InvalidToken); }

        if (!jwt.Payload.TryGetValue("appId", out var appIdValue) || appIdValue is not string appId
            || !_apps.TryGetValue(appId, out var entry))
            return (null, ApiError.InvalidCredentials);

        var parameters = new TokenValidationParameters
        {
            IssuerSigningKey = entry.Key,
            ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256 },
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = true,
            RequireExpirationTime = false,
            RequireSignedTokens = true,
            ClockSkew = TimeSpan.FromMinutes(1),
        };
        try { _handler.ValidateToken(token, parameters, out _); }
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
        if (_seenJtis.Count > 10_000) Prune(now);
        if (!_seenJtis.TryAdd(appId + "\n" + jti, DateTimeOffset.FromUnixTimeSeconds(exp.Value).AddMinutes(2)))
            return (null, ApiError.Replay);
        return (entry.App, null);
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var pair in _seenJtis)
            if (pair.Value < now) _seenJtis.TryRemove(pair.Key, out _);
    }
}
