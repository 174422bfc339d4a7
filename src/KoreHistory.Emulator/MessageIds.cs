using System.Globalization;

namespace KoreHistory.Emulator;

/// Message and component ids encode (session index, ordinal) plus a seed-dependent check part, so a msgId can be
/// resolved without a dictionary of a million strings: "ms-" + 8 hex session + 6 hex ordinal + 10 hex check.
internal static class MessageIds
{
    public static string Message(EmulatorData data, MessageKey key) =>
        "ms-" + Body(key, Prng.Mix(data.Seed, 700, (ulong)key.SessionIndex, (ulong)key.Ordinal));

    public static string Component(EmulatorData data, MessageKey key, int part) =>
        "cp-" + Body(key, Prng.Mix(data.Seed, 701 + (ulong)part, (ulong)key.SessionIndex, (ulong)key.Ordinal));

    public static bool TryParse(string id, out int sessionIndex, out int ordinal)
    {
        sessionIndex = 0;
        ordinal = 0;
        if (id.Length != 27 || !id.StartsWith("ms-", StringComparison.Ordinal)) return false;
        return int.TryParse(id.AsSpan(3, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out sessionIndex)
            && int.TryParse(id.AsSpan(11, 6), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ordinal)
            && sessionIndex >= 0 && ordinal >= 0;
    }

    private static string Body(MessageKey key, ulong check) =>
        key.SessionIndex.ToString("x8", CultureInfo.InvariantCulture)
        + key.Ordinal.ToString("x6", CultureInfo.InvariantCulture)
        + (check & 0xFF_FFFF_FFFFUL).ToString("x10", CultureInfo.InvariantCulture);
}
