namespace KoreHistory.Client;

// What every read opens with (KoreConnection.OpenRead): the query's own copy, validated, the bot it names, its dates and
// the endpoint it reads.
internal interface IKoreQuery<TQuery, TRecord>
{
    string? BotId { get; }

    DateTimeOffset? From { get; }

    DateTimeOffset? To { get; }

    KoreEndpoint<TRecord> Endpoint { get; }

    TQuery Clone();

    void Validate();
}
