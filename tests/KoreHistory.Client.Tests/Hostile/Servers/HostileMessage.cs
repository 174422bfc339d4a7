namespace KoreHistory.Client.Tests.Hostile;

// A message as a hostile server serves it: id, time, and the JSON text of its one component's data.text
// (written into the page as is, so it may hold escapes such as a lone surrogate "\ud83d").
public sealed record HostileMessage(string Id, DateTimeOffset Time, string TextJson = "\"hello\"");
