namespace KoreHistory.Client;

public sealed class KoreTagFilter
{
    public KoreTagMatch Match { get; set; } = KoreTagMatch.All;

    public IReadOnlyList<KoreTagCondition> Conditions { get; set; } = [];

    public override string ToString() =>
        string.Join(Match == KoreTagMatch.All ? " and " : " or ", Conditions.Select(c => c.ToString()));
}

public sealed class KoreTagCondition
{
    public KoreTagCondition()
    {
    }

    public KoreTagCondition(string name, IReadOnlyList<string> values, KoreTagType type = KoreTagType.User)
    {
        Name = name;
        Values = values;
        Type = type;
    }

    public string Name { get; set; } = "";

    public IReadOnlyList<string> Values { get; set; } = [];

    public KoreTagType Type { get; set; } = KoreTagType.User;

    public override string ToString() => $"{Type.ToString().ToLowerInvariant()}:{Name} in ({string.Join(", ", Values)})";
}
