using System.IdentityModel.Tokens.Jwt;
using Microsoft.IdentityModel.Tokens;

namespace KoreHistory.Client;

internal static class ReadyMadeToken
{
    // The expiry a ready-made JWT declares, read without validating it; null when it has none or is no JWT.
    public static DateTimeOffset? ExpiryOf(string token)
    {
        try
        {
            var handler = new JwtSecurityTokenHandler();
            if (!handler.CanReadToken(token))
            {
                return null;
            }

            var jwt = handler.ReadJwtToken(token);
            return jwt.Payload.Expiration is long seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (SecurityTokenException)
        {
            return null;
        }
    }
}
