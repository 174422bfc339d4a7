namespace KoreHistory.Reading;

/// One progress line: the status, the percentage when known, the seconds left of a running wait.
internal sealed class ProgressSnapshot
{
    public ProgressSnapshot(string status, int? percentComplete, int? secondsRemaining)
    {
        Status = status;
        PercentComplete = percentComplete;
        SecondsRemaining = secondsRemaining;
    }

    public string Status { get; }

    public int? PercentComplete { get; }

    public int? SecondsRemaining { get; }
}
