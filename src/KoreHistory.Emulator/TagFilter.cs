using System.Text.Json;

namespace KoreHistory.Emulator;

internal sealed record TagCondition(string Name, IReadOnlySet<string> Values, string Type);

/// A parsed tags filter. A condition holds when the record's tags of that type include the name with one of the values.
internal sealed class TagFilter
{
    private TagFilter(bool all, IReadOnlyList<TagCondition> conditions)
    {
        All = all;
        Conditions = conditions;
    }

    /// True for "and", false for "or".
    public bool All { get; }
    public IReadOnlyList<TagCondition> Conditions { get; }
    public bool UsesMessageTags => Conditions.Any(c => c.Type == "message");

    public bool Matches(IReadOnlyList<EmulatedTag> userTags, IReadOnlyList<EmulatedTag> sessionTags, IReadOnlyList<EmulatedTag>? messageTags)
    {
        foreach (var condition in Conditions)
        {
            var tags = condition.Type switch { "user" => userTags, "session" => sessionTags, _ => messageTags ?? Array.Empty<EmulatedTag>() };
            var holds = tags.Any(t => t.Name == condition.Name && condition.Values.Contains(t.Value));
            if (All && !holds) return false;
            if (!All && holds) return true;
        }
        return All;
    }

    public static TagFilter Parse(string name, JsonElement element, IReadOnlyCollection<string> allowedTypes)
    {
        if (element.ValueKind != JsonValueKind.Object) throw new ApiValidationException($"{name} must be an object with \"and\" or \"or\"");
        var keys = element.EnumerateObject().Select(p => p.Name).ToList();
        if (keys.Count != 1 || (keys[0] != "and" && keys[0] != "or"))
            throw new ApiValidationException($"{name} must have exactly one of \"and\" or \"or\"");
        var list = element.GetProperty(keys[0]);
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            throw new ApiValidationException($"{name}.{keys[0]} must be a non-empty array");
        var conditions = new List<TagCondition>();
        foreach (var c in list.EnumerateArray())
        {
            if (c.ValueKind != JsonValueKind.Object) throw new ApiValidationException($"{name}.{keys[0]} entries must be objects");
            var tagName = c.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            if (string.IsNullOrEmpty(tagName)) throw new ApiValidationException($"{name}: every condition needs a name");
            if (!c.TryGetProperty("values", out var vs) || vs.ValueKind != JsonValueKind.Array || vs.GetArrayLength() == 0
                || vs.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String))
            {
                throw new ApiValidationException($"{name}: condition {tagName} needs values, a non-empty array of strings");
            }

            var type = c.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (type is null || !allowedTypes.Contains(type))
                throw new ApiValidationException($"{name}: condition {tagName} has type {type ?? "(none)"}; expected one of {string.Join(", ", allowedTypes)}");
            conditions.Add(new TagCondition(tagName, vs.EnumerateArray().Select(x => x.GetString()!).ToHashSet(StringComparer.Ordinal), type));
        }
        return new TagFilter(keys[0] == "and", conditions);
    }
}
