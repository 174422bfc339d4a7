using System.Reflection;

namespace KoreHistory.HelpBuilder;

internal sealed class ParameterSetEntry
{
    public required string SetName { get; init; }
    public bool Mandatory { get; init; }
    /// Null when the parameter is named only.
    public int? Position { get; init; }
    public bool ValueFromPipeline { get; init; }
    public bool ValueFromPipelineByPropertyName { get; init; }

    public static ParameterSetEntry Read(CustomAttributeData parameterAttribute)
    {
        var position = CmdletMetadata.Named<int?>(parameterAttribute, "Position");
        return new ParameterSetEntry
        {
            SetName = CmdletMetadata.Named<string>(parameterAttribute, "ParameterSetName") ?? CmdletMetadata.AllParameterSets,
            Mandatory = CmdletMetadata.Named<bool>(parameterAttribute, "Mandatory"),
            Position = position is >= 0 ? position : null,
            ValueFromPipeline = CmdletMetadata.Named<bool>(parameterAttribute, "ValueFromPipeline"),
            ValueFromPipelineByPropertyName = CmdletMetadata.Named<bool>(parameterAttribute, "ValueFromPipelineByPropertyName"),
        };
    }
}
