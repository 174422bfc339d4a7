using System.Reflection;

namespace KoreHistory.HelpBuilder;

/// What a compiled cmdlet declares, read from attribute metadata (CustomAttributeData) only. The attribute types
/// come from PowerShellStandard.Library, whose members are stubs outside PowerShell, so nothing here constructs an
/// attribute or runs cmdlet code: it reads the constructor and named arguments stored in the assembly.
internal sealed class CmdletMetadata
{
    public const string AllParameterSets = "__AllParameterSets";
    private const string Sma = "System.Management.Automation.";

    public required Type Type { get; init; }
    public required string Verb { get; init; }
    public required string Noun { get; init; }
    public string Name => $"{Verb}-{Noun}";
    public string? DefaultParameterSetName { get; init; }
    public bool SupportsPaging { get; init; }
    public bool SupportsShouldProcess { get; init; }
    public required IReadOnlyList<Type> OutputTypes { get; init; }
    public required IReadOnlyList<CmdletParameter> Parameters { get; init; }

    /// The parameter sets the command has, in declaration order ("__AllParameterSets" when it declares none).
    public IReadOnlyList<string> ParameterSets
    {
        get
        {
            var sets = Parameters.SelectMany(p => p.Sets).Select(s => s.SetName)
                .Where(s => s != AllParameterSets).Distinct(StringComparer.Ordinal).ToList();
            return sets.Count == 0 ? [AllParameterSets] : sets;
        }
    }

    /// The parameters that PowerShell adds for SupportsPaging.
    public static IReadOnlyList<string> PagingParameterNames { get; } = ["First", "Skip", "IncludeTotalCount"];

    public static IReadOnlyList<CmdletMetadata> ReadAll(Assembly assembly) =>
        [.. assembly.GetExportedTypes().Select(TryRead).OfType<CmdletMetadata>().OrderBy(c => c.Name, StringComparer.Ordinal)];

    public static CmdletMetadata? TryRead(Type type)
    {
        var cmdlet = Find(type.GetCustomAttributesData(), "CmdletAttribute");
        if (cmdlet is null)
        {
            return null;
        }
        var parameters = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(CmdletParameter.TryRead).OfType<CmdletParameter>().ToList();
        var outputTypes = type.GetCustomAttributesData().Where(a => IsSma(a, "OutputTypeAttribute"))
            .SelectMany(a => a.ConstructorArguments)
            .SelectMany(Flatten).Select(v => v.Value).OfType<Type>().ToList();
        return new CmdletMetadata
        {
            Type = type,
            Verb = (string)cmdlet.ConstructorArguments[0].Value!,
            Noun = (string)cmdlet.ConstructorArguments[1].Value!,
            DefaultParameterSetName = Named<string>(cmdlet, "DefaultParameterSetName"),
            SupportsPaging = Named<bool>(cmdlet, "SupportsPaging"),
            SupportsShouldProcess = Named<bool>(cmdlet, "SupportsShouldProcess"),
            OutputTypes = outputTypes,
            Parameters = parameters,
        };
    }

    internal static CustomAttributeData? Find(IEnumerable<CustomAttributeData> attributes, string smaAttributeName) =>
        attributes.FirstOrDefault(a => IsSma(a, smaAttributeName));

    internal static bool IsSma(CustomAttributeData attribute, string name) =>
        attribute.AttributeType.FullName == Sma + name;

    internal static T? Named<T>(CustomAttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.MemberName == name)
            {
                return (T?)argument.TypedValue.Value;
            }
        }
        return default;
    }

    internal static IEnumerable<CustomAttributeTypedArgument> Flatten(CustomAttributeTypedArgument argument) =>
        argument.Value is IEnumerable<CustomAttributeTypedArgument> items ? items : [argument];
}

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
