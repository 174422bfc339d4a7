using System.Collections;
using System.Globalization;
using System.Management.Automation;
using KoreHistory.Client;

namespace KoreHistory;

/// -UserTag / -SessionTag / -MessageTag hashtables (name → value or values) as the engine's tag filter.
internal static class TagParameters
{
    public static KoreTagFilter? ToFilter(KoreTagMatch match, params (IDictionary? Tags, KoreTagType Type)[] groups)
    {
        var conditions = new List<KoreTagCondition>();
        foreach (var (tags, type) in groups)
        {
            if (tags is null)
            {
                continue;
            }
            foreach (DictionaryEntry entry in tags)
            {
                var name = ToText(entry.Key);
                conditions.Add(new KoreTagCondition(name, Values(entry.Value), type));
            }
        }
        return conditions.Count == 0 ? null : new KoreTagFilter { Match = match, Conditions = conditions };
    }

    private static List<string> Values(object? value)
    {
        var unwrapped = value is PSObject wrapped ? wrapped.BaseObject : value;
        if (unwrapped is string text)
        {
            return [text];
        }
        if (unwrapped is IEnumerable many)
        {
            return [.. many.Cast<object?>().Select(ToText)];
        }
        return unwrapped is null ? [] : [ToText(unwrapped)];
    }

    private static string ToText(object? value) =>
        Convert.ToString(value is PSObject wrapped ? wrapped.BaseObject : value, CultureInfo.InvariantCulture) ?? "";
}
