namespace KoreHistory.Emulator;

/// Writes the live mode's conversations (LiveOptions) until the emulator stops: every 50 ms the messages due at the
/// configured rate, each either the first message of a new session or the next one of a session started in the last
/// minute; a LateShare of them with a time up to LateMax in the past. Choices come from a generator seeded with the
/// emulator's seed; times come from the real clock, so the ground truth is what EmulatorData holds, not a schedule.
internal sealed class LiveWriter
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan OpenFor = TimeSpan.FromMinutes(1);
    private static readonly string[] Texts = ["Is my order on its way?", "Thanks!", "Your order ships today.", "Can I change the address?", "Done. Anything else?", "no", "Ça marche 👍"];

    private readonly EmulatorData data;
    private readonly LiveOptions options;
    private readonly string botId;
    private readonly List<EmulatedSession> open = [];
    private Prng random;
    private double due;
    private int users;

    public LiveWriter(EmulatorData data, LiveOptions options, string botId, int seed)
    {
        this.data = data;
        this.options = options;
        this.botId = botId;
        random = new Prng(Prng.Mix((ulong)seed, 160));
    }

    public long Written { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Tick);
        var last = DateTimeOffset.UtcNow;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var now = DateTimeOffset.UtcNow;
                due += (now - last).TotalSeconds * options.MessagesPerSecond;
                last = now;
                for (; due >= 1; due--)
                {
                    WriteOne(now);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The emulator stops.
        }
    }

    private void WriteOne(DateTimeOffset now)
    {
        open.RemoveAll(s => now - s.StartTime > OpenFor);
        var session = open.Count == 0 || random.Chance(options.NewSessionShare) ? Start() : random.Pick(open);
        var text = random.Pick(Texts);
        var incoming = session.MessageCount % 2 == 0;
        if (random.Chance(options.LateShare))
        {
            // Relative to the clock when it is written, not when this tick began: a stalled thread writes no older message.
            data.AddLateMessage(session.SessionId, text, incoming, TimeSpan.FromMilliseconds(random.NextDouble() * options.LateMax.TotalMilliseconds));
        }
        else
        {
            data.AddMessage(session.SessionId, text, incoming);
        }

        Written++;
    }

    private EmulatedSession Start()
    {
        var session = data.StartSession(botId, "u-live-" + (users++ % 50).ToString(System.Globalization.CultureInfo.InvariantCulture));
        open.Add(session);
        return session;
    }
}
