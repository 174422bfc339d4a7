using System.Security;

namespace KoreHistory.Client.Tests;

internal static class TestSecrets
{
    public static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var c in text)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }
}
