namespace KoreHistory.Client;

public enum KoreRegion
{
    US,
    EU,
    DE,
    AU,
    JP,
    IN,
    UAE,
}

public enum KoreSessionType
{
    Interactive,
    NonInteractive,
}

public enum KoreContainmentType
{
    DropOff,
    SelfService,
    Agent,
}

// msgId + direction on getMessages: Backward = -1, Both = 0, Forward = 1 on the wire.
public enum KoreDirection
{
    Backward,
    Both,
    Forward,
}

// All = "and", Any = "or" in the tags filter.
public enum KoreTagMatch
{
    All,
    Any,
}

public enum KoreTagType
{
    User,
    Message,
    Session,
}
