namespace KoreHistory.Export;

/// Where a bot's export stands after a commit: which read (Phase: "sessions", which come first, or "messages"), from
/// where to where it reads, how far it is, and what it cost so far (Requests: page requests of the whole run so far;
/// PhaseRequests: of this phase).
internal sealed record ExportPosition(
    string Phase, DateTime Start, DateTime Through, DateTime To, long Sessions, long Messages, int Requests, int PhaseRequests);
