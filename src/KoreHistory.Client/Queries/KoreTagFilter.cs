namespace KoreHistory.Client;

/// <summary>The tags filter: conditions joined by <see cref="Match"/>.</summary>
public sealed class KoreTagFilter
{
    /// <summary>Whether every condition must hold, or one.</summary>
    public KoreTagMatch Match { get; set; } = KoreTagMatch.All;

    /// <summary>The conditions.</summary>
    public IReadOnlyList<KoreTagCondition> Conditions { get; set; } = [];

    /// <summary>The conditions joined with "and" or "or".</summary>
    public override string ToString() =>
        string.Join(Match == KoreTagMatch.All ? " and " : " or ", Conditions.Select(c => c.ToString()));
}

/// <summary>One condition: a tag of a kind whose value is one of the values given.</summary>
public sealed class KoreTagCondition
{
    /// <summary>An empty condition, to fill in.</summary>
    public KoreTagCondition()
    {
    }

    /// <summary>A condition on the tag <paramref name="name"/> of <paramref name="type"/>, matching any of <paramref name="values"/>.</summary>
    public KoreTagCondition(string name, IReadOnlyList<string> values, KoreTagType type = KoreTagType.User)
    {
        Name = name;
        Values = values;
        Type = type;
    }

    /// <summary>The tag's name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The values that match.</summary>
    public IReadOnlyList<string> Values { get; set; } = [];

    /// <summary>Which tags it looks at.</summary>
    public KoreTagType Type { get; set; } = KoreTagType.User;

    /// <summary>"type:name in (values)".</summary>
    public override string ToString() => $"{Type.ToString().ToLowerInvariant()}:{Name} in ({string.Join(", ", Values)})";
}
