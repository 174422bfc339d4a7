namespace KoreHistory.Emulator;

/// A {name, value} tag as the API returns it in userTags, sessionTags and messageTags.
public sealed record EmulatedTag(string Name, string Value);

/// One entry of a message's components[]: cT and data.text. Spoken: for a voice-gateway command in Text, what the
/// bot said (null otherwise).
public sealed record EmulatedComponent(string Id, string ContentType, string Text, string? Spoken = null);

internal sealed record AddedMessage(int Ordinal, long TimeMs, bool Incoming, string Text);
