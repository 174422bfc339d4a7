using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using KoreHistory.Client;

namespace KoreHistory;

/// Tab completion for -ChannelType: the channel names the API documents. It suggests; the engine validates.
public sealed class ChannelTypeCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = (wordToComplete ?? "").Trim('\'', '"');
        return KoreChannelTypes.All
            .Where(c => c.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(c => new CompletionResult(c, c, CompletionResultType.ParameterValue, c));
    }
}
