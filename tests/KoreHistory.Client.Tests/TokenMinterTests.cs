using System.IdentityModel.Tokens.Jwt;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;

namespace KoreHistory.Client.Tests;

public sealed class TokenMinterTests
{
    private const string Secret = "a-client-secret-of-at-least-32-bytes-long!";
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_minted_token_validates_with_the_secret_and_carries_the_claims_kore_needs()
    {
        using var credential = KoreCredential.FromClientSecret("cs-1234", TestSecrets.Secure(Secret));
        var token = new TokenMinter(credential, new FakeTimeProvider(Now)).Mint();

        var handler = new JwtSecurityTokenHandler { MapInboundClaims = false };
        handler.ValidateToken(token, new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Secret)),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
        }, out var validated);
        var jwt = (JwtSecurityToken)validated;

        Assert.Equal("HS256", jwt.Header.Alg);
        Assert.Equal("cs-1234", jwt.Payload["appId"]);
        Assert.False(string.IsNullOrEmpty(jwt.Payload.Sub));
        Assert.Equal(Now.ToUnixTimeSeconds(), jwt.Payload.IssuedAt.Subtract(DateTime.UnixEpoch).TotalSeconds);
        var lifetime = TimeSpan.FromSeconds(jwt.Payload.Expiration!.Value - Now.ToUnixTimeSeconds());
        Assert.InRange(lifetime, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));
        Assert.False(string.IsNullOrEmpty(jwt.Payload.Jti));
    }

    [Fact]
    public void Every_token_has_a_new_jti_so_jti_enforcing_apps_accept_each_request()
    {
        using var credential = KoreCredential.FromClientSecret("cs-1234", TestSecrets.Secure(Secret));
        var minter = new TokenMinter(credential, new FakeTimeProvider(Now));

        var jtis = Enumerable.Range(0, 50).Select(_ => new JwtSecurityToken(minter.Mint()).Payload.Jti).ToHashSet();

        Assert.Equal(50, jtis.Count);
    }

    [Fact]
    public void A_secret_shorter_than_256_bits_still_signs_correctly()
    {
        using var credential = KoreCredential.FromClientSecret("cs-short", TestSecrets.Secure("short"));
        var token = new TokenMinter(credential, new FakeTimeProvider(Now)).Mint();

        var parts = token.Split('.');
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes("short"));
        var expected = Base64UrlEncoder.Encode(hmac.ComputeHash(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1])));
        Assert.Equal(expected, parts[2]);
    }

    [Fact]
    public void A_non_ascii_secret_is_used_as_utf8_bytes()
    {
        using var credential = KoreCredential.FromClientSecret("cs-1", TestSecrets.Secure("sécret-ünïcode"));
        var parts = new TokenMinter(credential, new FakeTimeProvider(Now)).Mint().Split('.');

        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes("sécret-ünïcode"));
        Assert.Equal(Base64UrlEncoder.Encode(hmac.ComputeHash(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]))), parts[2]);
    }

    [Fact]
    public void The_expiry_of_a_ready_made_token_is_read_without_the_key()
    {
        using var credential = KoreCredential.FromClientSecret("cs-1", TestSecrets.Secure(Secret));
        var token = new TokenMinter(credential, new FakeTimeProvider(Now)).Mint();

        Assert.Equal(Now + TokenMinter.Lifetime, ReadyMadeToken.ExpiryOf(token));
        Assert.Null(ReadyMadeToken.ExpiryOf("not a jwt"));
    }
}
