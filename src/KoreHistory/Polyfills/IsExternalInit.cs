#if NETSTANDARD2_0
namespace System.Runtime.CompilerServices;

/// Lets records and init accessors compile for netstandard2.0 (Windows PowerShell 5.1's half of the module); .NET 5
/// and later ship the type.
internal static class IsExternalInit
{
}
#endif
