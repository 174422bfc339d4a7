using System.Reflection;

namespace KoreHistory.HelpBuilder;

internal sealed class CmdletParameter
{
    public required string Name { get; init; }
    public required Type Type { get; init; }
    public required IReadOnlyList<string> Aliases { get; init; }
    public required IReadOnlyList<string> ValidValues { get; init; }
    public required IReadOnlyList<ParameterSetEntry> Sets { get; init; }
    public bool IsSwitch => Type.FullName == "System.Management.Automation.SwitchParameter";

    public bool IsInSet(string setName) =>
        Sets.Any(s => s.SetName == setName || s.SetName == CmdletMetadata.AllParameterSets);

    public ParameterSetEntry? EntryFor(string setName) =>
        Sets.FirstOrDefault(s => s.SetName == setName) ?? Sets.FirstOrDefault(s => s.SetName == CmdletMetadata.AllParameterSets);

    public static CmdletParameter? TryRead(PropertyInfo property)
    {
        var attributes = property.GetCustomAttributesData();
        var sets = attributes.Where(a => CmdletMetadata.IsSma(a, "ParameterAttribute")).Select(ParameterSetEntry.Read).ToList();
        if (sets.Count == 0)
        {
            return null;
        }
        var enumValues = (Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType) is { IsEnum: true } enumType
            ? enumType.GetEnumNames()
            : [];
        return new CmdletParameter
        {
            Name = property.Name,
            Type = property.PropertyType,
            Aliases = Strings(attributes, "AliasAttribute"),
            ValidValues = Strings(attributes, "ValidateSetAttribute") is { Count: > 0 } set ? set : enumValues,
            Sets = sets,
        };
    }

    private static List<string> Strings(IEnumerable<CustomAttributeData> attributes, string attributeName) =>
        [.. attributes.Where(a => CmdletMetadata.IsSma(a, attributeName))
            .SelectMany(a => a.ConstructorArguments).SelectMany(CmdletMetadata.Flatten)
            .Select(v => v.Value).OfType<string>()];
}
