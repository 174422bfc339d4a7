using KoreHistory.Client;

namespace KoreHistory.ModuleTests;

/// Enum parameters take the API's spelling as well as the .NET name (the engine's rule).
public sealed class EnumSpellingTests
{
    [Theory]
    [InlineData(typeof(KoreSessionType), "non-interactive", KoreSessionType.NonInteractive)]
    [InlineData(typeof(KoreSessionType), "NonInteractive", KoreSessionType.NonInteractive)]
    [InlineData(typeof(KoreSessionType), "INTERACTIVE", KoreSessionType.Interactive)]
    [InlineData(typeof(KoreContainmentType), "dropOff", KoreContainmentType.DropOff)]
    [InlineData(typeof(KoreContainmentType), "selfService", KoreContainmentType.SelfService)]
    [InlineData(typeof(KoreTagMatch), "or", KoreTagMatch.Any)]
    [InlineData(typeof(KoreTagMatch), "and", KoreTagMatch.All)]
    [InlineData(typeof(KoreDirection), "-1", KoreDirection.Backward)]
    [InlineData(typeof(KoreDirection), "1", KoreDirection.Forward)]
    public void The_API_spelling_and_the_dotnet_name_both_read_as_the_value(Type enumType, string text, object expected)
    {
        Assert.True(KoreEnumSpelling.TryParse(enumType, text, out var value));
        Assert.Equal(expected, value);
        Assert.Equal(expected, EnumSpellingAttribute.Convert(enumType, text));
    }

    [Fact]
    public void A_number_typed_as_a_number_is_the_API_direction_not_the_enum_index()
    {
        Assert.Equal(KoreDirection.Forward, EnumSpellingAttribute.Convert(typeof(KoreDirection), 1));
    }

    [Theory]
    [InlineData(typeof(KoreSessionType), "noninteractive-x")]
    [InlineData(typeof(KoreContainmentType), "human")]
    [InlineData(typeof(KoreSessionType), "")]
    public void Anything_else_is_left_to_PowerShell_which_refuses_it_with_the_valid_values(Type enumType, string text)
    {
        Assert.False(KoreEnumSpelling.TryParse(enumType, text, out _));
        Assert.Equal(text, EnumSpellingAttribute.Convert(enumType, text));
    }
}
