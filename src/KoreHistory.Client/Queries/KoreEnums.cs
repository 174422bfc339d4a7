namespace KoreHistory.Client;

/// <summary>The Kore.ai regions, each a host of its own (<see cref="KoreConnectionSettings.BaseUriOf"/>).</summary>
public enum KoreRegion
{
    /// <summary>bots.kore.ai</summary>
    US,
    /// <summary>eu-bots.kore.ai</summary>
    EU,
    /// <summary>de-bots.kore.ai</summary>
    DE,
    /// <summary>au-bots.kore.ai</summary>
    AU,
    /// <summary>jp-bots.kore.ai</summary>
    JP,
    /// <summary>ind-bots.kore.ai</summary>
    IN,
    /// <summary>uae-platform.kore.ai</summary>
    UAE,
}

/// <summary>getSessions' sessionType filter.</summary>
public enum KoreSessionType
{
    /// <summary>sessionType interactive.</summary>
    Interactive,
    /// <summary>sessionType non-interactive.</summary>
    NonInteractive,
}

/// <summary>getSessions' containmentType filter.</summary>
public enum KoreContainmentType
{
    /// <summary>containmentType dropOff.</summary>
    DropOff,
    /// <summary>containmentType selfService.</summary>
    SelfService,
    /// <summary>containmentType agent.</summary>
    Agent,
}

/// <summary>msgId + direction on getMessages: Backward = -1, Both = 0, Forward = 1 on the wire.</summary>
public enum KoreDirection
{
    /// <summary>The messages before it.</summary>
    Backward,
    /// <summary>The messages on both sides of it.</summary>
    Both,
    /// <summary>The messages after it.</summary>
    Forward,
}

/// <summary>All = "and", Any = "or" in the tags filter.</summary>
public enum KoreTagMatch
{
    /// <summary>Every condition must hold.</summary>
    All,
    /// <summary>One condition is enough.</summary>
    Any,
}

/// <summary>Which tags a condition looks at.</summary>
public enum KoreTagType
{
    /// <summary>userTags.</summary>
    User,
    /// <summary>messageTags.</summary>
    Message,
    /// <summary>sessionTags.</summary>
    Session,
}
