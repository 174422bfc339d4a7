namespace KoreHistory.Client;

/// <summary>
/// At most so many page requests for the reads that share it (<see cref="KoreReadOptions.RequestBudget"/>): the request
/// past it is not sent, and the read ends with <see cref="KoreRequestBudgetSpentException"/>. A request counts once,
/// however many attempts its retries take (those are paced like any request, and reported through OnRequest). Page
/// requests are taken in reading order, so the pages a spent budget lets through are the first ones. Thread-safe.
/// </summary>
public sealed class KoreRequestBudget
{
    private int used;

    /// <summary>A budget of <paramref name="maxRequests"/> page requests (at least 1).</summary>
    public KoreRequestBudget(int maxRequests)
    {
        if (maxRequests < 1)
        {
            throw new KoreValidationException($"A request budget must allow at least 1 request; it was {maxRequests}.", nameof(maxRequests));
        }

        MaxRequests = maxRequests;
    }

    /// <summary>The page requests the budget allows.</summary>
    public int MaxRequests { get; }

    /// <summary>Takes one request, or throws <see cref="KoreRequestBudgetSpentException"/> when none is left.</summary>
    public void Take()
    {
        if (Interlocked.Increment(ref used) > MaxRequests)
        {
            throw new KoreRequestBudgetSpentException(MaxRequests);
        }
    }
}
