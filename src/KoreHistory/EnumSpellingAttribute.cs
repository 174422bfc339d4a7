using System.Management.Automation;
using KoreHistory.Client;

namespace KoreHistory;

/// Lets an enum parameter take the API's own spelling of a value (-SessionType non-interactive, -TagMatch or) as well
/// as the .NET name, by the engine's KoreEnumSpelling. Anything else passes on to PowerShell's own conversion, which
/// refuses it with the list of valid values.
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class EnumSpellingAttribute : ArgumentTransformationAttribute
{
    public EnumSpellingAttribute(Type enumType)
    {
        EnumType = enumType;
    }

    public Type EnumType { get; }

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) => Convert(EnumType, inputData);

    internal static object? Convert(Type enumType, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        var text = value switch
        {
            string s => s,
            int number => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        };
        return text is not null && KoreEnumSpelling.TryParse(enumType, text, out var parsed) ? parsed : inputData;
    }
}
