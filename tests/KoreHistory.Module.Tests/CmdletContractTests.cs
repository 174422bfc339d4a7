using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Reflection;
using System.Security;
using KoreHistory.Client;
using KoreHistory.HelpBuilder;

namespace KoreHistory.ModuleTests;

/// The cmdlets' public contract, read from the built assembly's metadata (never by running a cmdlet outside a
/// runspace: PowerShellStandard.Library's members are stubs there).
public sealed class CmdletContractTests
{
    private static readonly string[] CmdletNames =
        ["Connect-KoreBot", "Disconnect-KoreBot", "Export-KoreHistory", "Get-KoreConnection", "Get-KoreMessage", "Get-KoreSession"];

    // Per set: m = mandatory, p = value from pipeline by property name, a digit = position; "*" = every set.
    private static readonly Dictionary<string, ExpectedParameter[]> ExpectedParameters = new()
    {
        ["Connect-KoreBot"] =
        [
            new("BotId", typeof(string), "BotClientSecret:m0 BotCredential:m0 BotToken:m0"),
            new("AdminConsole", typeof(SwitchParameter), "AdminClientSecret:m AdminCredential:m AdminToken:m"),
            new("ClientId", typeof(string), "BotClientSecret:m AdminClientSecret:m"),
            new("ClientSecret", typeof(SecureString), "BotClientSecret:m AdminClientSecret:m"),
            new("Credential", typeof(PSCredential), "BotCredential:m AdminCredential:m"),
            new("Token", typeof(SecureString), "BotToken:m AdminToken:m"),
            new("BaseUri", typeof(Uri), "*"),
            new("Region", typeof(KoreRegion), "*"),
            new("RequestsPerMinute", typeof(int), "*"),
            new("RequestsPerHour", typeof(int), "*"),
            new("MaxConcurrentRequests", typeof(int), "*", "ThrottleLimit"),
            new("PassThru", typeof(SwitchParameter), "*"),
            new("SkipCredentialCheck", typeof(SwitchParameter), "*"),
            new("Quiet", typeof(SwitchParameter), "*"),
        ],
        ["Disconnect-KoreBot"] = [],
        ["Export-KoreHistory"] =
        [
            new("Path", typeof(string), "*:m0"),
            new("BotId", typeof(string[]), "*"),
            new("From", typeof(DateTime?), "*"),
            new("SettleTime", typeof(TimeSpan), "*"),
            new("Format", typeof(KoreExportFormat), "*"),
            new("MaxDuration", typeof(TimeSpan?), "*"),
            new("MaxRequests", typeof(int?), "*"),
            new("UseMessagesV2", typeof(SwitchParameter), "*"),
            new("Connection", typeof(KoreConnection), "*"),
        ],
        ["Get-KoreConnection"] = [],
        ["Get-KoreSession"] =
        [
            new("UserId", typeof(string), "ByFilter"),
            new("From", typeof(DateTime?), "ByFilter", "DateFrom"),
            new("To", typeof(DateTime?), "ByFilter", "DateTo"),
            new("SessionType", typeof(KoreSessionType), "ByFilter"),
            new("ContainmentType", typeof(KoreContainmentType), "ByFilter"),
            new("UserTag", typeof(IDictionary), "ByFilter"),
            new("SessionTag", typeof(IDictionary), "ByFilter"),
            new("TagMatch", typeof(KoreTagMatch), "ByFilter"),
            new("SessionId", typeof(string[]), "BySessionId:mpv0"),
            new("PageSize", typeof(int), "*"),
            new("BotId", typeof(string), "*"),
            new("Connection", typeof(KoreConnection), "*"),
        ],
        ["Get-KoreMessage"] =
        [
            new("SessionId", typeof(string[]), "ByFilter:p0"),
            new("InputObject", typeof(object), "ByFilter:v"),
            new("SessionStart", typeof(DateTime?), "ByFilter:p", "StartTime"),
            new("SessionEnd", typeof(DateTime?), "ByFilter:p", "EndTime"),
            new("SessionChannel", typeof(string), "ByFilter:p", "Channel"),
            new("UserId", typeof(string), "ByFilter:p ByMessageId"),
            new("From", typeof(DateTime?), "ByFilter", "DateFrom"),
            new("To", typeof(DateTime?), "ByFilter", "DateTo"),
            new("MessageId", typeof(string), "ByMessageId:mv"),
            new("Direction", typeof(KoreDirection), "ByMessageId"),
            new("ChannelType", typeof(string[]), "*"),
            new("IvrInstanceId", typeof(string), "*"),
            new("OldestFirst", typeof(SwitchParameter), "*"),
            new("NewestFirst", typeof(SwitchParameter), "*"),
            new("UserTag", typeof(IDictionary), "*"),
            new("SessionTag", typeof(IDictionary), "*"),
            new("MessageTag", typeof(IDictionary), "*"),
            new("TagMatch", typeof(KoreTagMatch), "*"),
            new("PageSize", typeof(int), "*"),
            new("UseMessagesV2", typeof(SwitchParameter), "*"),
            new("BotId", typeof(string), "*"),
            new("Connection", typeof(KoreConnection), "*"),
        ],
    };

    public static TheoryData<string> Names => [.. CmdletNames];

    [Fact]
    public void The_assembly_has_exactly_the_six_cmdlets()
    {
        Assert.Equal(CmdletNames, ModuleFiles.Cmdlets.Select(c => c.Name).ToArray());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_cmdlet_is_a_sealed_PSCmdlet(string name)
    {
        var type = ModuleFiles.Cmdlet(name).Type;
        Assert.True(type.IsSealed, $"{type.Name} is not sealed");
        Assert.True(typeof(PSCmdlet).IsAssignableFrom(type), $"{type.Name} does not derive from PSCmdlet");
        Assert.Equal(name.Replace("-", "", StringComparison.Ordinal) + "Command", type.Name);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_cmdlet_uses_an_approved_verb(string name)
    {
        // The approved verbs are the constants of the Verbs* classes in System.Management.Automation.
        var approved = typeof(PSCmdlet).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "System.Management.Automation" && t.Name.StartsWith("Verbs", StringComparison.Ordinal))
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);
        Assert.Contains("Get", approved);
        Assert.Contains(ModuleFiles.Cmdlet(name).Verb, approved);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_cmdlet_has_the_documented_parameters_sets_and_pipeline_bindings(string name)
    {
        var cmdlet = ModuleFiles.Cmdlet(name);
        var expected = ExpectedParameters[name];
        Assert.Equal(expected.Select(p => p.Name).Order(StringComparer.Ordinal), cmdlet.Parameters.Select(p => p.Name).Order(StringComparer.Ordinal));
        foreach (var want in expected)
        {
            var actual = cmdlet.Parameters.Single(p => p.Name == want.Name);
            Assert.True(want.Type == actual.Type, $"{name} -{want.Name}: type {actual.Type} instead of {want.Type}");
            Assert.Equal(want.Aliases, actual.Aliases.Order(StringComparer.Ordinal).ToArray());
            Assert.Equal(want.Sets, string.Join(" ", actual.Sets.Select(Describe).Order(StringComparer.Ordinal)));
        }
    }

    [Fact]
    public void The_read_cmdlets_support_paging_and_the_others_do_not()
    {
        Assert.Equal(["Get-KoreMessage", "Get-KoreSession"], ModuleFiles.Cmdlets.Where(c => c.SupportsPaging).Select(c => c.Name).ToArray());
    }

    [Fact]
    public void Default_parameter_sets_exist_on_the_cmdlets_that_have_several()
    {
        Assert.Equal("BotClientSecret", ModuleFiles.Cmdlet("Connect-KoreBot").DefaultParameterSetName);
        Assert.Equal("ByFilter", ModuleFiles.Cmdlet("Get-KoreSession").DefaultParameterSetName);
        Assert.Equal("ByFilter", ModuleFiles.Cmdlet("Get-KoreMessage").DefaultParameterSetName);
        foreach (var cmdlet in ModuleFiles.Cmdlets.Where(c => c.DefaultParameterSetName is not null))
        {
            Assert.Contains(cmdlet.DefaultParameterSetName, cmdlet.ParameterSets);
        }
    }

    [Theory]
    [InlineData("Connect-KoreBot", typeof(KoreConnection))]
    [InlineData("Get-KoreConnection", typeof(KoreConnection))]
    [InlineData("Get-KoreSession", typeof(KoreSession))]
    [InlineData("Get-KoreMessage", typeof(KoreMessage))]
    public void Each_cmdlet_that_writes_output_declares_its_type(string name, Type outputType)
    {
        Assert.Equal([outputType], ModuleFiles.Cmdlet(name).OutputTypes);
    }

    [Fact]
    public void Disconnect_declares_no_output()
    {
        Assert.Empty(ModuleFiles.Cmdlet("Disconnect-KoreBot").OutputTypes);
    }

    [Fact]
    public void A_piped_session_binds_its_id_user_and_time_span_to_Get_KoreMessage_by_property_name()
    {
        var messageCmdlet = ModuleFiles.Cmdlet("Get-KoreMessage");
        var byPropertyName = messageCmdlet.Parameters.Where(p => p.Sets.Any(s => s.ValueFromPipelineByPropertyName)).ToList();
        var bindings = typeof(KoreSession).GetProperties()
            .Select(property => (property, parameters: byPropertyName
                .Where(p => p.Name.Equals(property.Name, StringComparison.OrdinalIgnoreCase)
                    || p.Aliases.Contains(property.Name, StringComparer.OrdinalIgnoreCase)).ToList()))
            .Where(b => b.parameters.Count > 0)
            .ToDictionary(b => b.property.Name, b => Assert.Single(b.parameters).Name);
        Assert.Equal(
            // Issue 11: the session's channel binds too, so its batch is read with it.
            new Dictionary<string, string> { ["SessionId"] = "SessionId", ["UserId"] = "UserId", ["Channel"] = "SessionChannel", ["StartTime"] = "SessionStart", ["EndTime"] = "SessionEnd" },
            bindings);

        // The session's times are the parameters' own type: nothing to convert.
        Assert.Equal(typeof(DateTime), typeof(KoreSession).GetProperty(nameof(KoreSession.StartTime))!.PropertyType);
        Assert.Equal(typeof(DateTime?), typeof(KoreSession).GetProperty(nameof(KoreSession.EndTime))!.PropertyType);
    }

    [Theory]
    [InlineData("Get-KoreSession", "SessionId", "BySessionId")]
    [InlineData("Get-KoreMessage", "InputObject", "ByFilter")]
    [InlineData("Get-KoreMessage", "MessageId", "ByMessageId")]
    public void Piped_strings_bind_as_ids(string cmdlet, string parameter, string set)
    {
        var entry = ModuleFiles.Cmdlet(cmdlet).Parameters.Single(p => p.Name == parameter).EntryFor(set)!;
        Assert.True(entry.ValueFromPipeline, $"{cmdlet} -{parameter} does not take strings from the pipeline");
    }

    [Fact]
    public void A_piped_string_is_a_session_id_unless_the_command_line_chooses_the_message_id_set()
    {
        // A string piped with no other argument binds in the default set, as a session id.
        Assert.Equal("ByFilter", ModuleFiles.Cmdlet("Get-KoreMessage").DefaultParameterSetName);
        Assert.DoesNotContain(ModuleFiles.Cmdlet("Get-KoreMessage").Parameters.Where(p => p.Name != "InputObject" && p.Name != "MessageId"),
            p => p.Sets.Any(s => s.ValueFromPipeline));
        // Only the untyped InputObject takes objects by value, so an object without a SessionId is never read as its text.
        Assert.Equal(typeof(object), ModuleFiles.Cmdlet("Get-KoreMessage").Parameters.Single(p => p.Name == "InputObject").Type);
    }

    [Theory]
    [InlineData("Get-KoreSession", "SessionType", typeof(KoreSessionType))]
    [InlineData("Get-KoreSession", "ContainmentType", typeof(KoreContainmentType))]
    [InlineData("Get-KoreSession", "TagMatch", typeof(KoreTagMatch))]
    [InlineData("Get-KoreMessage", "TagMatch", typeof(KoreTagMatch))]
    [InlineData("Get-KoreMessage", "Direction", typeof(KoreDirection))]
    public void Enum_parameters_take_the_API_spelling(string cmdlet, string parameter, Type enumType)
    {
        Assert.Equal(enumType, Attribute(cmdlet, parameter, nameof(EnumSpellingAttribute)).ConstructorArguments.Single().Value);
        // PowerShell completes an enum parameter with the enum's names and calls no completer for it: none is declared.
        Assert.DoesNotContain(ModuleFiles.Cmdlet(cmdlet).Type.GetProperty(parameter)!.GetCustomAttributesData(),
            a => a.AttributeType.Name == "ArgumentCompleterAttribute");
    }

    [Theory]
    [InlineData("Get-KoreSession", "From")]
    [InlineData("Get-KoreSession", "To")]
    [InlineData("Get-KoreMessage", "From")]
    [InlineData("Get-KoreMessage", "To")]
    [InlineData("Get-KoreMessage", "SessionStart")]
    [InlineData("Get-KoreMessage", "SessionEnd")]
    public void Time_parameters_take_KoreUtcTime_and_DateTimeOffset_values(string cmdlet, string parameter)
    {
        Assert.Equal(typeof(TimeTransformationAttribute), Attribute(cmdlet, parameter, nameof(TimeTransformationAttribute)).AttributeType);
    }

    [Fact]
    public void Get_KoreSession_takes_only_session_ids_from_the_pipeline()
    {
        Assert.Equal(["SessionId"], ModuleFiles.Cmdlet("Get-KoreSession").Parameters
            .Where(p => p.Sets.Any(s => s.ValueFromPipeline || s.ValueFromPipelineByPropertyName)).Select(p => p.Name));
    }

    [Theory]
    [InlineData("Get-KoreSession", KoreSessionQuery.MaxPageSize)]
    [InlineData("Get-KoreMessage", KoreMessageQuery.MaxPageSizeV2)]
    public void PageSize_is_checked_at_binding_against_the_API_maximum(string name, int max)
    {
        var range = Attribute(name, "PageSize", "ValidateRangeAttribute");
        Assert.Equal([1, max], range.ConstructorArguments.Select(a => Convert.ToInt32(a.Value, CultureInfo.InvariantCulture)).ToArray());
    }

    [Fact]
    public void ChannelType_completes_the_documented_channels()
    {
        var completer = Attribute("Get-KoreMessage", "ChannelType", "ArgumentCompleterAttribute");
        Assert.Equal(typeof(ChannelTypeCompleter), completer.ConstructorArguments.Single().Value);
        Assert.True(typeof(IArgumentCompleter).IsAssignableFrom(typeof(ChannelTypeCompleter)));
    }

    [Fact]
    public void Every_other_enumerated_parameter_is_an_enum_so_PowerShell_completes_and_checks_it()
    {
        var enumerated = new[] { ("Connect-KoreBot", "Region"), ("Get-KoreSession", "SessionType"), ("Get-KoreSession", "ContainmentType"),
            ("Get-KoreSession", "TagMatch"), ("Get-KoreMessage", "Direction"), ("Get-KoreMessage", "TagMatch") };
        foreach (var (cmdlet, parameter) in enumerated)
        {
            Assert.True(ModuleFiles.Cmdlet(cmdlet).Parameters.Single(p => p.Name == parameter).Type.IsEnum, $"{cmdlet} -{parameter} is not an enum");
        }
    }

    [Fact]
    public void Secrets_are_taken_only_as_SecureString_or_PSCredential()
    {
        var secretParameters = ModuleFiles.Cmdlets.SelectMany(c => c.Parameters)
            .Where(p => p.Name.Contains("Secret", StringComparison.OrdinalIgnoreCase) || p.Name.Contains("Token", StringComparison.OrdinalIgnoreCase)
                || p.Name.Contains("Password", StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.Equal(["ClientSecret", "Token"], secretParameters.Select(p => p.Name).Order(StringComparer.Ordinal).ToArray());
        Assert.All(secretParameters, p => Assert.Equal(typeof(SecureString), p.Type));
        Assert.NotNull(Attribute("Connect-KoreBot", "Credential", "CredentialAttribute"));
    }

    [Fact]
    public void Public_signatures_use_no_third_party_types()
    {
        // Issue 7 moves the engine's dependencies into a private load context; cmdlet signatures must not name them.
        var allowedNamespaces = new[] { "System", "System.Collections", "System.Security", "System.Management.Automation", "KoreHistory.Client", "KoreHistory" };
        var thirdParty = new[] { "Microsoft.Extensions", "Microsoft.IdentityModel", "System.IdentityModel", "Polly", "System.Text.Json", "Microsoft.Bcl" };
        var used = ModuleFiles.Cmdlets.SelectMany(c => c.Parameters.Select(p => p.Type).Concat(c.OutputTypes))
            .Select(t => Nullable.GetUnderlyingType(t) ?? t)
            .Select(t => t.IsArray ? t.GetElementType()! : t)
            .Distinct()
            .ToList();
        Assert.All(used, type =>
        {
            Assert.Contains(type.Namespace, allowedNamespaces);
            Assert.DoesNotContain(thirdParty, prefix => type.Assembly.GetName().Name!.StartsWith(prefix, StringComparison.Ordinal));
        });
    }

    [Fact]
    public void The_connection_object_the_cmdlets_write_has_no_secret_or_token_property()
    {
        var properties = typeof(KoreConnection).GetProperties(BindingFlags.Public | BindingFlags.Instance);
        Assert.DoesNotContain(properties, p => p.Name.Contains("Secret", StringComparison.OrdinalIgnoreCase)
            || p.Name.Equals("Token", StringComparison.OrdinalIgnoreCase) || p.Name.Contains("Password", StringComparison.OrdinalIgnoreCase)
            || p.PropertyType == typeof(SecureString) || p.PropertyType == typeof(KoreCredential) || p.PropertyType == typeof(KoreConnectionSettings));
    }

    [Theory]
    [InlineData(typeof(KoreSession))]
    [InlineData(typeof(KoreMessage))]
    public void Every_output_property_prints_as_one_readable_value_under_Export_Csv(Type outputType)
    {
        // Export-Csv writes each property's ToString(): a list or object without its own ToString prints a type name.
        var plain = new[] { typeof(string), typeof(bool), typeof(int), typeof(long) };
        foreach (var property in outputType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var readable = plain.Contains(type)
                || type.GetMethod(nameof(ToString), Type.EmptyTypes)!.DeclaringType == type;
            Assert.True(readable, $"{outputType.Name}.{property.Name} ({type.Name}) would print as its type name");
        }
    }

    private static CustomAttributeData Attribute(string cmdlet, string parameter, string attributeName) =>
        ModuleFiles.Cmdlet(cmdlet).Type.GetProperty(parameter)!.GetCustomAttributesData()
            .SingleOrDefault(a => a.AttributeType.Name == attributeName)
        ?? throw new InvalidOperationException($"{cmdlet} -{parameter} has no {attributeName}");

    private static string Describe(ParameterSetEntry entry)
    {
        var flags = (entry.Mandatory ? "m" : "") + (entry.ValueFromPipelineByPropertyName ? "p" : "") + (entry.ValueFromPipeline ? "v" : "")
            + (entry.Position?.ToString(CultureInfo.InvariantCulture) ?? "");
        var set = entry.SetName == CmdletMetadata.AllParameterSets ? "*" : entry.SetName;
        return flags.Length == 0 ? set : $"{set}:{flags}";
    }

    private sealed class ExpectedParameter(string name, Type type, string sets, params string[] aliases)
    {
        public string Name { get; } = name;
        public Type Type { get; } = type;
        public string Sets { get; } = string.Join(" ", sets.Split(' ').Order(StringComparer.Ordinal));
        public string[] Aliases { get; } = [.. aliases.Order(StringComparer.Ordinal)];
    }
}
