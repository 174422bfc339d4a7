namespace KoreHistory.Emulator;

/// The page a getSessions or getMessages call asks for. Limit: the limit asked for, from which moreAvailable is
/// computed. PageLimit: the records a page holds, Limit or less under EmulatorPlatform.LimitCap.
internal readonly record struct PageRequest(long Skip, int Limit, int PageLimit);
