namespace KoreHistory.Client;

public sealed class KoreWait
{
    public KoreWait(TimeSpan delay, string reason)
    {
        Delay = delay;
        Reason = reason;
    }

    public TimeSpan Delay { get; }

    public string Reason { get; }

    public override string ToString() =>
        $"Waiting {Delay.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} s: {Reason}";
}
