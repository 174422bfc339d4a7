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
