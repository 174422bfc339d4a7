using KoreHistory.Emulator;
using Microsoft.Extensions.Time.Testing;

namespace KoreHistory.Client.Tests;

// One in-process emulator on 127.0.0.1:0 with pinned history, and helpers to connect to it and to compute
// the expected answers from its ground truth (EmulatorData) independently of the client.
public abstract class EmulatorFixtureBase : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public EmulatorServer Server { get; private set; } = null!;

    public EmulatorData Data => Server.Data;

    public string BotId => Server.Options.BotId;

    protected abstract void Configure(EmulatorOptions options);

    public async Task InitializeAsync()
    {
        var options = new EmulatorOptions { Now = Now, Seed = 7, PerMinute = 1_000_000, PerHour = 10_000_000 };
        Configure(options);
        Server = await EmulatorServer.StartAsync(options);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public KoreConnection Connect(Action<KoreConnectionSettings>? configure = null, KoreCredential? credential = null)
    {
        var options = Server.Options;
        var settings = new KoreConnectionSettings
        {
            BaseUri = Server.BaseUri,
            BotId = options.BotId,
            Credential = credential ?? KoreCredential.FromClientSecret(options.ClientId, TestSecrets.Secure(options.ClientSecret)),
            RequestsPerMinute = options.PerMinute,
            RequestsPerHour = options.PerHour,
            MinuteWindow = options.MinuteWindow,
            HourWindow = options.HourWindow,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            MaxRetryWait = TimeSpan.FromSeconds(30),
            RequestTimeout = TimeSpan.FromSeconds(10),
        };
        configure?.Invoke(settings);
        return new KoreConnection(settings, TimeProvider.System, new FakeTimeProvider(Data.Now));
    }

    // The admin-console app's connection: no bot of its own, every bot through the query's BotId.
    public KoreConnection ConnectAdmin()
    {
        var options = Server.Options;
        return Connect(s =>
        {
            s.BotId = null;
            s.AdminConsole = true;
            s.Credential = KoreCredential.FromClientSecret(options.AdminClientId, TestSecrets.Secure(options.AdminClientSecret));
        });
    }

    // The main bot's messages with from <= createdOn < to, in the API's default order (newest first).
    public List<EmulatedMessage> MessagesBetween(DateTimeOffset from, DateTimeOffset to, bool oldestFirst = false)
    {
        var messages = Data.Messages(BotId).Where(m => m.CreatedOn >= from && m.CreatedOn < to).ToList();
        if (!oldestFirst)
        {
            messages.Reverse();
        }

        return messages;
    }

    public List<EmulatedSession> SessionsBetween(DateTimeOffset from, DateTimeOffset to, string? botId = null) =>
        Data.Sessions.Where(s => (botId is null || s.BotId == botId) && s.StartTime >= from && s.StartTime < to).Reverse().ToList();
}

public sealed class ReadingEmulator : EmulatorFixtureBase
{
    protected override void Configure(EmulatorOptions options)
    {
        options.Sessions = 1200;
        options.Days = 100;
        options.MessagesPerSession = 4;
    }
}

public sealed class SmallEmulator : EmulatorFixtureBase
{
    protected override void Configure(EmulatorOptions options)
    {
        options.Sessions = 60;
        options.Days = 5;
        options.MessagesPerSession = 4;
        options.ExtraApps.Add(new EmulatorApp { ClientId = "cs-jti", ClientSecret = JtiSecret, Bots = [options.BotId], EnforceJti = true });
        options.ExtraApps.Add(new EmulatorApp { ClientId = "cs-noscope", ClientSecret = JtiSecret, Bots = [options.BotId], MessagesScope = false });
        options.ExtraApps.Add(new EmulatorApp { ClientId = "cs-short", ClientSecret = ShortSecret, Bots = [options.BotId] });
    }

    public const string JtiSecret = "jti-enforcing-app-secret-0123456789abcdef";

    public const string ShortSecret = "short-secret";
}

internal static class Results
{
    public static async Task<List<T>> CollectAsync<T>(this IAsyncEnumerable<T> source, CancellationToken cancellationToken = default)
    {
        var list = new List<T>();
        await foreach (var item in source.WithCancellation(cancellationToken))
        {
            list.Add(item);
        }

        return list;
    }
}

// Collects the request log lines of a read (the callback may run on any thread).
internal sealed class RequestRecorder
{
    private readonly List<KoreRequestLog> entries = [];

    public KoreReadOptions Options => new()
    {
        OnRequest = Add,
        OnInvalidSessionId = id => { lock (entries) { InvalidIds.Add(id); } },
        OnWait = wait => { lock (entries) { Waits.Add(wait); } },
    };

    public List<string> InvalidIds { get; } = [];

    public List<KoreWait> Waits { get; } = [];

    public IReadOnlyList<KoreRequestLog> Entries
    {
        get
        {
            lock (entries)
            {
                return entries.ToList();
            }
        }
    }

    public int Count(string pathEnd) => Entries.Count(e => e.Path.Split('?')[0].EndsWith(pathEnd, StringComparison.Ordinal));

    private void Add(KoreRequestLog entry)
    {
        lock (entries)
        {
            entries.Add(entry);
        }
    }
}
