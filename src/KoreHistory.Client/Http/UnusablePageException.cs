namespace KoreHistory.Client;

// A 200 whose body is not a complete page: that attempt failed.
internal sealed class UnusablePageException : Exception
{
    public UnusablePageException(UnusablePageKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
    }

    public UnusablePageKind Kind { get; }
}
