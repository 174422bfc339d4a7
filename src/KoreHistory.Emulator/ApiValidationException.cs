namespace KoreHistory.Emulator;

/// A rejected argument; answered as 412 "Validation errors/ Invalid arguments: {Detail}".
internal sealed class ApiValidationException : Exception
{
    public ApiValidationException(string detail) : base(detail) { }
    public ApiValidationException() { }
    public ApiValidationException(string detail, Exception inner) : base(detail, inner) { }
}
