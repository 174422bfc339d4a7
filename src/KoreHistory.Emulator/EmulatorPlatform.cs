namespace KoreHistory.Emulator;

/// Behaviours that differ between Kore.ai platform versions, or that Kore's documentation leaves open, so a client can
/// be tested against each (README, "Platform variants"). The defaults are kore-api.md's contract.
public sealed class EmulatorPlatform
{
    /// getSessions honours `sessionId` (and answers `invalidSessions`), as from platform v10.1.3 (Kore's
    /// get-sessions-history docs). False: the filter is ignored, as before v10.1.3, and the query answers the
    /// other filters (by default the last 7 days), with no `invalidSessions`.
    public bool SessionIdFilter { get; set; } = true;

    /// A record exactly at `dateTo` is inside the window (dateFrom ≤ time ≤ dateTo) rather than outside it.
    public bool InclusiveDateTo { get; set; }

    /// POST getMessages without `channelType` returns only rtm, as GET does (the seed page's "default is 'rtm'"
    /// read as applying to POST too). False: POST without a channel returns every channel.
    public bool PostDefaultsToRtm { get; set; }

    /// A silent cap on `limit`: a page holds at most this many records, yet `moreAvailable` is computed from the
    /// requested limit (so it can say false while skip + returned is less than total). Null: no cap.
    public int? LimitCap { get; set; }

    /// Whether every setting is kore-api.md's default.
    public bool IsDefault => SessionIdFilter && !InclusiveDateTo && !PostDefaultsToRtm && LimitCap is null;

    /// The settings that differ from the default, for the start-up banner; empty when IsDefault.
    public string Describe()
    {
        var parts = new List<string>();
        if (!SessionIdFilter) parts.Add("no getSessions sessionId filter (before v10.1.3)");
        if (InclusiveDateTo) parts.Add("inclusive dateTo");
        if (PostDefaultsToRtm) parts.Add("POST getMessages defaults to rtm");
        if (LimitCap is { } cap) parts.Add($"limit silently capped at {cap}");
        return string.Join(", ", parts);
    }

    internal void Validate()
    {
        if (LimitCap is < 1) throw new ArgumentException("LimitCap must be 1 or more.");
    }
}
