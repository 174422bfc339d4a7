using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using KoreHistory.Client;

namespace KoreHistory;

/// Tab completion for the enum parameters that take the API's spelling too: the .NET names, then the API's
/// spellings that are not just the same name in other case (non-interactive, and, or, -1, 0, 1; not dropOff).
public sealed class EnumSpellingCompleter : IArgumentCompleter
{
    private static readonly Dictionary<string, Type> EnumOfParameter = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SessionType"] = typeof(KoreSessionType),
        ["ContainmentType"] = typeof(KoreContainmentType),
        ["TagMatch"] = typeof(KoreTagMatch),
        ["Direction"] = typeof(KoreDirection),
    };

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        if (!EnumOfParameter.TryGetValue(parameterName, out var enumType))
        {
            return [];
        }
        var prefix = (wordToComplete ?? "").Trim('\'', '"');
        return Values(enumType)
            .Where(v => v.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(v => new CompletionResult(v[0] == '-' ? $"'{v}'" : v, v, CompletionResultType.ParameterValue, v));
    }

    internal static IEnumerable<string> Values(Type enumType)
    {
        var names = Enum.GetNames(enumType);
        return names.Concat(KoreEnumSpelling.ApiNames(enumType)
            .Where(api => !names.Any(n => string.Equals(n, api, StringComparison.OrdinalIgnoreCase))));
    }
}
