namespace KoreHistory.Emulator;

/// The emulator cannot listen where it was asked to (the address is in use, or the URL is not one Kestrel can bind).
public sealed class EmulatorListenException : Exception
{
    public EmulatorListenException(string message, Exception inner) : base(message, inner) { }

    public EmulatorListenException() { }

    public EmulatorListenException(string message) : base(message) { }
}
