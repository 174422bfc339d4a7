using System.Xml.Linq;

namespace KoreHistory.HelpBuilder;

/// Writes MAML (the XML that Get-Help reads for compiled cmdlets): names, sets, positions, pipeline input and types
/// come from the cmdlet's metadata, so the syntax cannot drift from the code; the words come from the Markdown.
internal static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    private static readonly Dictionary<string, string> PagingDescriptions = new(StringComparer.Ordinal)
    {
        ["First"] = "Gets only the first N results. Reading stops, and no further request is sent, once N results are written.",
        ["Skip"] = "Skips the first N results, then writes the rest.",
        ["IncludeTotalCount"] = "Writes the number of matching records that the API reports (its 'total') before the results, as an unsigned integer. With piped input, one total is written for each request batch.",
    };

    public static XDocument Write(IEnumerable<(CmdletMetadata Cmdlet, CommandHelpSource Help)> commands) =>
        new(new XDeclaration("1.0", "utf-8", null),
            new XElement(Msh + "helpItems", new XAttribute("schema", "maml"),
                new XAttribute(XNamespace.Xmlns + "maml", Maml.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "command", Command.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "dev", Dev.NamespaceName),
                commands.Select(c => CommandElement(c.Cmdlet, c.Help))));

    private static XElement CommandElement(CmdletMetadata cmdlet, CommandHelpSource help)
    {
        var parameters = AllParameters(cmdlet, help).ToList();
        return new XElement(Command + "command",
            new XElement(Command + "details",
                new XElement(Command + "name", cmdlet.Name),
                new XElement(Command + "verb", cmdlet.Verb),
                new XElement(Command + "noun", cmdlet.Noun),
                Description([help.Synopsis])),
            Description(help.Description),
            new XElement(Command + "syntax",
                cmdlet.ParameterSets.Select(set => new XElement(Command + "syntaxItem",
                    new XElement(Maml + "name", cmdlet.Name),
                    parameters.Where(p => p.InSet(set)).OrderBy(p => p.Entry(set).Position ?? int.MaxValue)
                        .Select(p => ParameterElement(p, p.Entry(set), inSyntax: true))))),
            new XElement(Command + "parameters",
                parameters.Select(p => ParameterElement(p, p.Summary, inSyntax: false))),
            new XElement(Command + "inputTypes", help.Inputs.Select(i => TypeEntry(Command + "inputType", i))),
            new XElement(Command + "returnValues", help.Outputs.Select(o => TypeEntry(Command + "returnValue", o))),
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paragraphs(help.Notes))),
            new XElement(Command + "examples", help.Examples.Select((e, i) => new XElement(Command + "example",
                new XElement(Maml + "title", $"--------- Example {i + 1}: {e.Title} ---------"),
                new XElement(Dev + "code", string.Join("\n", e.CodeLines)),
                new XElement(Dev + "remarks", Paragraphs(e.Remarks))))),
            new XElement(Command + "relatedLinks", help.RelatedLinks.Select(l => new XElement(Maml + "navigationLink",
                new XElement(Maml + "linkText", l.Text),
                new XElement(Maml + "uri", l.Uri ?? "")))));
    }

    private static IEnumerable<DocumentedParameter> AllParameters(CmdletMetadata cmdlet, CommandHelpSource help)
    {
        foreach (var parameter in cmdlet.Parameters)
        {
            yield return new DocumentedParameter(parameter.Name, DisplayType(parameter.Type), FullTypeName(parameter.Type),
                parameter.IsSwitch, parameter.Aliases, parameter.ValidValues, help.Parameters[parameter.Name],
                set => parameter.IsInSet(set), set => parameter.EntryFor(set)!, Summarise(parameter.Sets));
        }
        if (!cmdlet.SupportsPaging)
        {
            yield break;
        }
        var named = new ParameterSetEntry { SetName = CmdletMetadata.AllParameterSets };
        foreach (var name in CmdletMetadata.PagingParameterNames)
        {
            var isSwitch = name == "IncludeTotalCount";
            yield return new DocumentedParameter(name, isSwitch ? "SwitchParameter" : "UInt64",
                isSwitch ? "System.Management.Automation.SwitchParameter" : "System.UInt64", isSwitch, [], [],
                [PagingDescriptions[name]], _ => true, _ => named, named);
        }
    }

    /// The "Parameters" section shows one line per parameter: required if required in every set it is in,
    /// positional if positional anywhere, and pipeline input if any set takes it.
    private static ParameterSetEntry Summarise(IReadOnlyList<ParameterSetEntry> sets) => new()
    {
        SetName = CmdletMetadata.AllParameterSets,
        Mandatory = sets.All(s => s.Mandatory),
        Position = sets.Select(s => s.Position).FirstOrDefault(p => p is not null),
        ValueFromPipeline = sets.Any(s => s.ValueFromPipeline),
        ValueFromPipelineByPropertyName = sets.Any(s => s.ValueFromPipelineByPropertyName),
    };

    private static XElement ParameterElement(DocumentedParameter parameter, ParameterSetEntry entry, bool inSyntax)
    {
        var element = new XElement(Command + "parameter",
            new XAttribute("required", entry.Mandatory ? "true" : "false"),
            new XAttribute("variableLength", "true"),
            new XAttribute("globbing", "false"),
            new XAttribute("pipelineInput", PipelineInput(entry)),
            new XAttribute("position", entry.Position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "named"),
            new XAttribute("aliases", parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases)),
            new XElement(Maml + "name", parameter.Name),
            Description(parameter.Description));
        if (parameter.ValidValues.Count > 0 && inSyntax)
        {
            element.Add(new XElement(Command + "parameterValueGroup", parameter.ValidValues.Select(v =>
                new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute("variableLength", "false"), v))));
        }
        if (!(parameter.IsSwitch && inSyntax))
        {
            element.Add(new XElement(Command + "parameterValue",
                new XAttribute("required", parameter.IsSwitch ? "false" : "true"), new XAttribute("variableLength", "false"),
                parameter.DisplayType));
        }
        element.Add(new XElement(Dev + "type", new XElement(Maml + "name", parameter.FullTypeName), new XElement(Maml + "uri")),
            new XElement(Dev + "defaultValue", parameter.IsSwitch ? "False" : "None"));
        return element;
    }

    private static string PipelineInput(ParameterSetEntry entry) => (entry.ValueFromPipeline, entry.ValueFromPipelineByPropertyName) switch
    {
        (true, true) => "True (ByPropertyName, ByValue)",
        (true, false) => "True (ByValue)",
        (false, true) => "True (ByPropertyName)",
        _ => "False",
    };

    private static XElement TypeEntry(XName name, HelpTypeEntry entry) => new(name,
        new XElement(Dev + "type", new XElement(Maml + "name", entry.TypeName)),
        Description(entry.Description));

    private static XElement Description(IEnumerable<string> paragraphs) => new(Maml + "description", Paragraphs(paragraphs));

    private static IEnumerable<XElement> Paragraphs(IEnumerable<string> paragraphs) =>
        paragraphs.Select(p => new XElement(Maml + "para", p));

    internal static string DisplayType(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsArray ? DisplayType(underlying.GetElementType()!) + "[]" : underlying.Name;
    }

    private static string FullTypeName(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsArray ? FullTypeName(underlying.GetElementType()!) + "[]" : underlying.FullName ?? underlying.Name;
    }

    private sealed record DocumentedParameter(
        string Name, string DisplayType, string FullTypeName, bool IsSwitch, IReadOnlyList<string> Aliases,
        IReadOnlyList<string> ValidValues, IReadOnlyList<string> Description,
        Func<string, bool> InSet, Func<string, ParameterSetEntry> Entry, ParameterSetEntry Summary);
}
