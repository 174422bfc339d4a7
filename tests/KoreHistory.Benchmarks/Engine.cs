using System.Runtime.InteropServices;
using System.Security;
using KoreHistory.Client;

namespace KoreHistory.Benchmarks;

// The engine as the module uses it: one KoreConnection to the emulator process, paced like the emulator.
internal static class Engine
{
    public static KoreConnection Connect(EmulatorProcess emulator, EmulatorSetup setup, Action<KoreConnectionSettings>? configure = null)
    {
        var settings = new KoreConnectionSettings
        {
            BaseUri = emulator.BaseUri,
            BotId = emulator.BotId,
            Credential = KoreCredential.FromClientSecret(emulator.ClientId, Secure(emulator.ClientSecret)),
            RequestsPerMinute = setup.PerMinute,
            RequestsPerHour = setup.PerHour,
        };
        configure?.Invoke(settings);
        return new KoreConnection(settings);
    }

    // Counts the requests (attempts) a read sends and the 429s it meets.
    public sealed class RequestCounter
    {
        private int requests;
        private int tooMany;

        public KoreReadOptions Options => new()
        {
            OnRequest = log =>
            {
                Interlocked.Increment(ref requests);
                if (log.StatusCode == 429)
                {
                    Interlocked.Increment(ref tooMany);
                }
            },
        };

        public int Requests => Volatile.Read(ref requests);

        public int TooManyRequests => Volatile.Read(ref tooMany);
    }

    private static SecureString Secure(string text)
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
