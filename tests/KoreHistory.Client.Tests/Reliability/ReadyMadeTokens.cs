using System.Security.Cryptography;
using System.Text;

namespace KoreHistory.Client.Tests.Reliability;

// An HS256 token made the way a user's own tooling would make it (no jti, so the emulator lets it be reused).
internal static class ReadyMadeTokens
{
    public static string Make(string clientId, string secret, DateTimeOffset expires)
    {
        var header = Encode(Encoding.UTF8.GetBytes("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"));
        var issued = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds();
        var payload = Encode(Encoding.UTF8.GetBytes(
            $"{{\"appId\":\"{clientId}\",\"sub\":\"reliability\",\"iat\":{issued},\"exp\":{expires.ToUnixTimeSeconds()}}}"));
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var signature = Encode(hmac.ComputeHash(Encoding.ASCII.GetBytes(header + "." + payload)));
        return header + "." + payload + "." + signature;
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
