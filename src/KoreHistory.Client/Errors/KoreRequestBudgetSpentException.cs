namespace KoreHistory.Client;

/// <summary>
/// A read's <see cref="KoreRequestBudget"/> was spent before the read ended: nothing was sent for the request that
/// raised it. Not a failure of the API; a resumable read stopped this way continues from its checkpoint.
/// </summary>
public sealed class KoreRequestBudgetSpentException : KoreException
{
    /// <summary>The budget of <paramref name="maxRequests"/> requests is spent.</summary>
    public KoreRequestBudgetSpentException(int maxRequests)
        : base($"The read's budget of {maxRequests} request(s) is spent.", null, null)
    {
        MaxRequests = maxRequests;
    }

    /// <summary>The page requests the budget allowed.</summary>
    public int MaxRequests { get; }
}
