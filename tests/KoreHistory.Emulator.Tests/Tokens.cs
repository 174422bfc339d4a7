using System.IdentityModel.Tokens.Jwt;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace KoreHistory.Emulator.Tests;

/// Mints the JWTs a Kore client would send, independently of the emulator's own code.
internal static class Tokens
{
    public static string Mint(
        string clientId,
        string secret,
        string? jti = null,
        DateTimeOffset? issuedAt = null,
        TimeSpan? lifetime = null,
        bool withExpiry = true,
        string appIdClaim = "appId")
    {
        var iat = issuedAt ?? DateTimeOffset.UtcNow;
        var payload = new JwtPayload
        {
            [appIdClaim] = clientId,
            ["sub"] = "emulator-tests",
            ["iat"] = iat.ToUnixTimeSeconds(),
        };
        if (withExpiry) payload["exp"] = iat.Add(lifetime ?? TimeSpan.FromMinutes(10)).ToUnixTimeSeconds();
        if (jti is not null) payload["jti"] = jti;
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret));
        var token = new JwtSecurityToken(new JwtHeader(new SigningCredentials(key, SecurityAlgorithms.HmacSha256)), payload);
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    /// A token assembled by hand (for algorithms and shapes the library would not produce).
    public static string Raw(string headerJson, string payloadJson, byte[] signature) =>
        $"{Base64UrlEncoder.Encode(headerJson)}.{Base64UrlEncoder.Encode(payloadJson)}.{Base64UrlEncoder.Encode(signature)}";

    public static string HmacSha512Signed(string headerJson, string payloadJson, string secret)
    {
        var signingInput = $"{Base64UrlEncoder.Encode(headerJson)}.{Base64UrlEncoder.Encode(payloadJson)}";
        var signature = System.Security.Cryptography.HMACSHA512.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(signingInput));
        return $"{signingInput}.{Base64UrlEncoder.Encode(signature)}";
    }

    public static string Demo(EmulatorServer server) => Mint(server.Options.ClientId, server.Options.ClientSecret);
    public static string Admin(EmulatorServer server) => Mint(server.Options.AdminClientId, server.Options.AdminClientSecret);
    public static string For(EmulatorApp app, string? jti = null) => Mint(app.ClientId, app.ClientSecret, jti);
}
