namespace KoreHistory.Client;

/// <summary>
/// The API's own spelling of the engine's enum values (<c>non-interactive</c>, <c>dropOff</c>, <c>and</c>, …), so a
/// value copied from the API's output, or from a session's <c>SessionType</c>, is accepted where the enum is.
/// </summary>
public static class KoreEnumSpelling
{
    private static readonly Dictionary<Type, (Enum Value, string Spelling)[]> Spellings = new()
    {
        [typeof(KoreSessionType)] =
        [
            (KoreSessionType.Interactive, "interactive"),
            (KoreSessionType.NonInteractive, "non-interactive"),
        ],
        [typeof(KoreContainmentType)] =
        [
            (KoreContainmentType.DropOff, "dropOff"),
            (KoreContainmentType.SelfService, "selfService"),
            (KoreContainmentType.Agent, "agent"),
        ],
        [typeof(KoreTagMatch)] =
        [
            (KoreTagMatch.All, "and"),
            (KoreTagMatch.Any, "or"),
        ],
        // getMessages' direction is a number.
        [typeof(KoreDirection)] =
        [
            (KoreDirection.Backward, "-1"),
            (KoreDirection.Both, "0"),
            (KoreDirection.Forward, "1"),
        ],
    };

    /// <summary>The API's spellings of <paramref name="enumType"/>'s values, or none when the API has no spelling of its own.</summary>
    public static IReadOnlyList<string> ApiNames(Type enumType) =>
        Spellings.TryGetValue(enumType, out var spellings) ? spellings.Select(s => s.Spelling).ToArray() : [];

    // The API's spelling of a value, as request bodies and query strings send it.
    internal static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        Spellings[typeof(TEnum)].First(s => s.Value.Equals(value)).Spelling;

    /// <summary>
    /// Reads <paramref name="text"/> as a value of <paramref name="enumType"/>: its .NET name or the API's spelling,
    /// ignoring case. Returns false for anything else (numbers other than the API's own included).
    /// </summary>
    public static bool TryParse(Type enumType, string? text, out Enum? value)
    {
        value = null;
        if (enumType is null || !enumType.IsEnum || string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var trimmed = text!.Trim();
        if (Spellings.TryGetValue(enumType, out var spellings))
        {
            foreach (var (known, spelling) in spellings)
            {
                if (string.Equals(spelling, trimmed, StringComparison.OrdinalIgnoreCase))
                {
                    value = known;
                    return true;
                }
            }
        }
        var name = Enum.GetNames(enumType).FirstOrDefault(n => string.Equals(n, trimmed, StringComparison.OrdinalIgnoreCase));
        if (name is null)
        {
            return false;
        }
        value = (Enum)Enum.Parse(enumType, name);
        return true;
    }
}
