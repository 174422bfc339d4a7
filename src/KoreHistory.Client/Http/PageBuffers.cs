namespace KoreHistory.Client;

// The buffers a connection reads page bodies into, reused from page to page: a page of 100 messages is some 100 KB and a
// getMessagesV2 page some 25 MB, both on the large object heap, which the GC frees only in its rarest collections, so a
// long read that allocated one per page would let garbage pile up there between them. At most MaxKept buffers are kept
// (the page being parsed and the one read ahead), none larger than MaxKeptBytes; a buffer is handed out only when it is
// large enough, else a new one is made.
internal sealed class PageBuffers
{
    private const int MaxKept = 2;
    private const int MaxKeptBytes = 32 * 1024 * 1024;
    private const int SmallestKept = 64 * 1024;
    private readonly List<byte[]> kept = [];

    // A buffer of at least `size` bytes (its content is whatever it held before).
    public byte[] Rent(int size)
    {
        lock (kept)
        {
            var best = -1;
            for (var i = 0; i < kept.Count; i++)
            {
                if (kept[i].Length >= size && (best < 0 || kept[i].Length < kept[best].Length))
                {
                    best = i;
                }
            }

            if (best >= 0)
            {
                var buffer = kept[best];
                kept.RemoveAt(best);
                return buffer;
            }
        }

        return new byte[size];
    }

    // Keeps a buffer for the next page, in place of a smaller one when MaxKept are kept.
    public void Return(byte[] buffer)
    {
        if (buffer.Length < SmallestKept || buffer.Length > MaxKeptBytes)
        {
            return;
        }

        lock (kept)
        {
            if (kept.Count < MaxKept)
            {
                kept.Add(buffer);
                return;
            }

            var smallest = 0;
            for (var i = 1; i < kept.Count; i++)
            {
                if (kept[i].Length < kept[smallest].Length)
                {
                    smallest = i;
                }
            }

            if (kept[smallest].Length < buffer.Length)
            {
                kept[smallest] = buffer;
            }
        }
    }
}
