using System.IdentityModel.Tokens.Jwt;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace KoreHistory.Client;

// Mints the HS256 JWT Kore's public APIs expect: appId (exact spelling), sub, iat, exp and a random jti,
// so apps that enforce JTI accept it. Header and payload are built and encoded by
// System.IdentityModel.Tokens.Jwt; the HMAC is computed here because that library refuses keys under
// 256 bits, and Kore client secrets are not guaranteed to be that long.
internal sealed class TokenMinter
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(55);
    private readonly KoreCredential credential;
    private readonly TimeProvider time;

    public TokenMinter(KoreCredential credential, TimeProvider time)
    {
        this.credential = credential;
        this.time = time;
    }

    public string Mint()
    {
        var now = time.GetUtcNow();
        var issuedAt = now.ToUnixTimeSeconds();
        var header = new JwtHeader { [JwtHeaderParameterNames.Alg] = SecurityAlgorithms.HmacSha256 };
        var payload = new JwtPayload
        {
            ["appId"] = credential.ClientId,
            [JwtRegisteredClaimNames.Sub] = credential.ClientId,
            [JwtRegisteredClaimNames.Iat] = issuedAt,
            [JwtRegisteredClaimNames.Exp] = issuedAt + (long)Lifetime.TotalSeconds,
            [JwtRegisteredClaimNames.Jti] = NewJti(),
        };
        var signingInput = header.Base64UrlEncode() + "." + payload.Base64UrlEncode();
        using var hmac = new HMACSHA256(credential.SecretBytes);
        var signature = Base64UrlEncoder.Encode(hmac.ComputeHash(Encoding.ASCII.GetBytes(signingInput)));
        return signingInput + "." + signature;
    }

    private static string NewJti()
    {
        var bytes = new byte[16];
        using (var random = RandomNumberGenerator.Create())
        {
            random.GetBytes(bytes);
        }

        return Base64UrlEncoder.Encode(bytes);
    }
}
