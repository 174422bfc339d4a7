namespace KoreHistory.Client;

/// <summary>A wait the read is about to make, as <see cref="KoreReadOptions.OnWait"/> hears of it.</summary>
public sealed class KoreWait
{
    /// <summary>A wait of <paramref name="delay"/>, for <paramref name="reason"/>.</summary>
    public KoreWait(TimeSpan delay, string reason)
    {
        Delay = delay;
        Reason = reason;
    }

    /// <summary>How long the wait is.</summary>
    public TimeSpan Delay { get; }

    /// <summary>Why it waits: the bot's rate-limit budget, or a retry and what failed.</summary>
    public string Reason { get; }

    /// <summary>"Waiting n s: reason".</summary>
    public override string ToString() =>
        $"Waiting {Delay.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} s: {Reason}";
}
