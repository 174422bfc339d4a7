using System.Globalization;
using KoreHistory.Client;
using KoreHistory.HelpBuilder;

namespace KoreHistory.ModuleTests;

/// The bad inputs PowerShell refuses at parameter binding, before a cmdlet runs (so before any request), read from
/// the cmdlets' metadata. What binding lets through (whitespace ids, unknown channels, start after end, huge
/// ranges, tokens that are no JWT...) is refused by the engine: see the client's Reliability/BadInputTests table,
/// and tests/Pester/BadInput.Tests.ps1 for the same table run through the module.
public sealed class BadInputContractTests
{
    public static TheoryData<string, string, string, string> BindingRefusals => new()
    {
        // cmdlet, parameter, the refusal, the bad input it stops
        { "Get-KoreMessage", "PageSize", "range 1..10000", "page size 0 or 10001 (101 to 10000 the engine refuses without -UseMessagesV2)" },
        { "Get-KoreSession", "PageSize", "range 1..1000", "page size 0 or 1001" },
        { "Connect-KoreBot", "RequestsPerMinute", "range 1..2147483647", "0 requests a minute" },
        { "Connect-KoreBot", "RequestsPerHour", "range 1..2147483647", "0 requests an hour" },
        { "Get-KoreMessage", "SessionId", "not null or empty", "an empty id, an empty list, or a null piped id" },
        { "Get-KoreSession", "SessionId", "not null or empty", "an empty id or list" },
        { "Get-KoreMessage", "UserId", "not null or empty", "an empty user id" },
        { "Get-KoreSession", "UserId", "not null or empty", "an empty user id" },
        { "Get-KoreMessage", "MessageId", "not null or empty", "an empty message id" },
        { "Get-KoreMessage", "ChannelType", "not null or empty", "an empty channel" },
        { "Get-KoreMessage", "IvrInstanceId", "not null or empty", "an empty IVR instance" },
        { "Get-KoreMessage", "BotId", "not null or empty", "an empty bot id" },
        { "Get-KoreSession", "BotId", "not null or empty", "an empty bot id" },
        { "Get-KoreMessage", "UserTag", "not null or empty", "an empty tag table" },
        { "Get-KoreSession", "SessionTag", "not null or empty", "an empty tag table" },
        { "Connect-KoreBot", "BotId", "not null or empty", "an empty bot id" },
        { "Connect-KoreBot", "ClientId", "not null or empty", "an empty client id" },
        { "Connect-KoreBot", "ClientSecret", "not null", "no secret" },
        { "Connect-KoreBot", "Token", "not null", "no token" },
        { "Connect-KoreBot", "Credential", "not null", "no credential" },
        { "Connect-KoreBot", "BaseUri", "not null", "no base URL" },
        { "Get-KoreMessage", "Connection", "not null", "a null connection" },
        { "Get-KoreSession", "SessionType", "enum", "an unknown session type" },
        { "Get-KoreSession", "ContainmentType", "enum", "an unknown containment type" },
        { "Get-KoreMessage", "Direction", "enum", "an unknown direction" },
        { "Connect-KoreBot", "Region", "enum", "an unknown region" },
        { "Get-KoreMessage", "TagMatch", "enum", "an unknown tag match" },
        { "Get-KoreMessage", "From", "DateTime", "a date that is no date" },
        { "Get-KoreSession", "To", "DateTime", "a date that is no date" },
    };

    [Theory]
    [MemberData(nameof(BindingRefusals))]
    public void Binding_refuses_the_bad_input_before_the_cmdlet_runs(string cmdlet, string parameter, string refusal, string badInput)
    {
        var property = ModuleFiles.Cmdlet(cmdlet).Type.GetProperty(parameter)!;
        var attributes = property.GetCustomAttributesData();
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        switch (refusal)
        {
            case "not null or empty":
                Assert.Contains(attributes, a => a.AttributeType.Name == "ValidateNotNullOrEmptyAttribute");
                break;
            case "not null":
                Assert.Contains(attributes, a => a.AttributeType.Name is "ValidateNotNullAttribute" or "ValidateNotNullOrEmptyAttribute");
                break;
            case "enum":
                Assert.True(type.IsEnum, $"{cmdlet} -{parameter} ({badInput}) is not an enum");
                break;
            case "DateTime":
                Assert.Equal(typeof(DateTime), type);
                break;
            default:
                var range = attributes.Single(a => a.AttributeType.Name == "ValidateRangeAttribute");
                var bounds = string.Join("..", range.ConstructorArguments.Select(a => Convert.ToInt64(a.Value, CultureInfo.InvariantCulture)));
                Assert.Equal(refusal, "range " + bounds);
                break;
        }
    }

    [Theory]
    [InlineData("Get-KoreMessage", "MessageId", "From")]
    [InlineData("Get-KoreMessage", "MessageId", "To")]
    [InlineData("Get-KoreMessage", "MessageId", "SessionId")]
    [InlineData("Get-KoreMessage", "Direction", "From")]
    [InlineData("Get-KoreSession", "SessionId", "UserId")]
    [InlineData("Get-KoreSession", "SessionId", "From")]
    [InlineData("Get-KoreSession", "SessionId", "Tags")]
    [InlineData("Connect-KoreBot", "AdminConsole", "BotId")]
    [InlineData("Connect-KoreBot", "Token", "ClientSecret")]
    [InlineData("Connect-KoreBot", "Token", "Credential")]
    [InlineData("Connect-KoreBot", "Credential", "ClientSecret")]
    public void Parameters_that_cannot_be_combined_share_no_parameter_set(string cmdlet, string first, string second)
    {
        var metadata = ModuleFiles.Cmdlet(cmdlet);
        var firstSets = SetsOf(metadata, first);
        var secondSets = SetsOf(metadata, second == "Tags" ? "UserTag" : second);

        Assert.Empty(firstSets.Intersect(secondSets));
        Assert.DoesNotContain(CmdletMetadata.AllParameterSets, firstSets);
    }

    [Theory]
    [InlineData("Connect-KoreBot", "ClientSecret", "BotClientSecret")]
    [InlineData("Connect-KoreBot", "ClientId", "BotClientSecret")]
    [InlineData("Connect-KoreBot", "BotId", "BotClientSecret")]
    [InlineData("Connect-KoreBot", "Token", "BotToken")]
    [InlineData("Get-KoreMessage", "MessageId", "ByMessageId")]
    [InlineData("Get-KoreSession", "SessionId", "BySessionId")]
    public void A_missing_required_value_is_refused_at_binding(string cmdlet, string parameter, string set)
    {
        Assert.True(ModuleFiles.Cmdlet(cmdlet).Parameters.Single(p => p.Name == parameter).EntryFor(set)!.Mandatory);
    }

    [Fact]
    public void The_binding_table_has_at_least_twenty_rows()
    {
        Assert.True(BindingRefusals.Cast<object>().Count() >= 20);
    }

    [Theory]
    [InlineData(typeof(KoreAuthenticationException), true)]
    [InlineData(typeof(KoreRateLimitException), true)]
    [InlineData(typeof(KoreTransportException), true)]
    [InlineData(typeof(KoreResponseException), true)]
    [InlineData(typeof(ObjectDisposedException), true)]
    [InlineData(typeof(KoreValidationException), false)]
    public void A_read_whose_retries_ran_out_ends_the_command_but_one_refused_input_does_not(Type exceptionType, bool terminating)
    {
        var exception = exceptionType == typeof(ObjectDisposedException)
            ? new ObjectDisposedException("KoreConnection")
            : (Exception)Activator.CreateInstance(exceptionType, "failed", null, null)!;

        Assert.Equal(terminating, KoreErrors.IsTerminating(exception));
    }

    private static List<string> SetsOf(CmdletMetadata cmdlet, string parameter) =>
        cmdlet.Parameters.Single(p => p.Name == parameter).Sets.Select(s => s.SetName).ToList();
}
