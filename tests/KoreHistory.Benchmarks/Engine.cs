using System.Security;
using KoreHistory.Client;

namespace KoreHistory.Benchmarks;

// The engine as the module uses it: one KoreConnection to the emulator process, paced like the emulator.
internal static class Engine
{
    public static KoreConnection Connect(EmulatorProcess emulator, EmulatorSetup setup, Action<KoreConnectionSettings>? configure = null) =>
        Connect(emulator.Endpoint, setup.PerMinute, setup.PerHour, settings =>
        {
            settings.MinuteWindow = setup.MinuteWindow;
            settings.HourWindow = setup.HourWindow;
            configure?.Invoke(settings);
        });

    public static KoreConnection Connect(EmulatorEndpoint emulator, int perMinute, int perHour, Action<KoreConnectionSettings>? configure = null)
    {
        var settings = new KoreConnectionSettings
        {
            BaseUri = emulator.BaseUri,
            BotId = emulator.BotId,
            Credential = KoreCredential.FromClientSecret(emulator.ClientId, Secure(emulator.ClientSecret)),
            RequestsPerMinute = perMinute,
            RequestsPerHour = perHour,
        };
        configure?.Invoke(settings);
        return new KoreConnection(settings);
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
