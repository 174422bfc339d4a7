using System.Collections;
using System.Management.Automation;
using KoreHistory.Client;

namespace KoreHistory;

/// Get-KoreMessage: streams messages (Conversation History API) by session, user, dates, channel, tags, or around
/// one message. Piped sessions bind SessionId, UserId, StartTime and EndTime by property name and are collected
/// into batches (up to 50 session ids per request) by the engine's KoreSessionBatcher.
[Cmdlet(VerbsCommon.Get, "KoreMessage", DefaultParameterSetName = ByFilter, SupportsPaging = true)]
[OutputType(typeof(KoreMessage))]
public sealed class GetKoreMessageCommand : KoreReadCommand
{
    private const string ByFilter = "ByFilter";
    private const string ByMessageId = "ByMessageId";
    private KoreSessionBatcher? batcher;

    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByFilter)]
    [ValidateNotNullOrEmpty]
    public string[]? SessionId { get; set; }

    /// The start of the piped session's span: bound from a session's StartTime, it tells the engine which dates to read.
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ByFilter)]
    [Alias("StartTime")]
    [TimeTransformation]
    public DateTime? SessionStart { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ByFilter)]
    [Alias("EndTime")]
    [TimeTransformation]
    public DateTime? SessionEnd { get; set; }

    /// The piped session's channel: bound from a session's Channel, its batch is read with it.
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ByFilter)]
    [Alias("Channel")]
    public string? SessionChannel { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ByFilter)]
    [Parameter(ParameterSetName = ByMessageId)]
    [ValidateNotNullOrEmpty]
    public string? UserId { get; set; }

    [Parameter(ParameterSetName = ByFilter)]
    [Alias("DateFrom")]
    [TimeTransformation]
    public DateTime? From { get; set; }

    [Parameter(ParameterSetName = ByFilter)]
    [Alias("DateTo")]
    [TimeTransformation]
    public DateTime? To { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ByMessageId)]
    [ValidateNotNullOrEmpty]
    public string MessageId { get; set; } = "";

    [Parameter(ParameterSetName = ByMessageId)]
    public KoreDirection Direction { get; set; } = KoreDirection.Both;

    /// One channel or several (each read in turn; the API takes one a request).
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ChannelTypeCompleter))]
    public string[]? ChannelType { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? IvrInstanceId { get; set; }

    [Parameter]
    public SwitchParameter OldestFirst { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public IDictionary? UserTag { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public IDictionary? SessionTag { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public IDictionary? MessageTag { get; set; }

    [Parameter]
    public KoreTagMatch TagMatch { get; set; } = KoreTagMatch.All;

    /// Up to 100 a request (getMessages), or up to 10,000 with -UseMessagesV2; by default the maximum of the API used.
    [Parameter]
    [ValidateRange(1, KoreMessageQuery.MaxPageSizeV2)]
    public int PageSize { get; set; } = KoreMessageQuery.MaxPageSize;

    /// Reads through getMessagesV2: up to 10,000 messages a request, without Alert and Action task messages.
    [Parameter]
    public SwitchParameter UseMessagesV2 { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ByMessageId)
        {
            var around = NewQuery();
            around.MessageId = MessageId;
            around.Direction = Direction;
            around.UserId = UserId;
            Read(around);
            return;
        }
        if (SessionId is { Length: > 0 } && !CommandLineParameters.Contains(nameof(SessionId)))
        {
            BatchPipedSessions(SessionId);
            return;
        }
        var query = NewQuery();
        query.SessionIds = SessionId;
        query.UserId = UserId;
        Read(query);
    }

    protected override void EndProcessing()
    {
        foreach (var rest in batcher?.Flush() ?? [])
        {
            Read(rest);
        }
        base.EndProcessing();
    }

    // A piped session: its id and span go to the engine's batcher, which hands back a query when a batch is
    // full (50 ids) or would span more than one API window. -From and -To, if given, narrow every batch.
    private void BatchPipedSessions(string[] sessionIds)
    {
        if (batcher is null)
        {
            var template = NewQuery();
            // The piped session's own UserId adds nothing; a -UserId typed on the command line still narrows.
            template.UserId = CommandLineParameters.Contains(nameof(UserId)) ? UserId : null;
            try
            {
                batcher = new KoreSessionBatcher(template);
            }
            catch (KoreValidationException e)
            {
                ThrowTerminatingError(KoreErrors.From(e, template));
                return;
            }
        }
        foreach (var id in sessionIds)
        {
            var span = new KoreSessionSpan(id, TimeParameter.ToUtc(SessionStart), TimeParameter.ToUtc(SessionEnd), SessionChannel);
            KoreMessageQuery? ready;
            try
            {
                ready = batcher.Add(span);
            }
            catch (KoreValidationException e)
            {
                WriteError(KoreErrors.From(e, span));
                continue;
            }
            if (ready is not null)
            {
                Read(ready);
            }
        }
    }

    /// The filters that every request of this command shares.
    private KoreMessageQuery NewQuery()
    {
        var query = new KoreMessageQuery
        {
            ChannelTypes = ChannelType,
            IvrInstanceId = IvrInstanceId,
            OldestFirst = OldestFirst,
            Tags = TagParameters.ToFilter(TagMatch, (UserTag, KoreTagType.User), (SessionTag, KoreTagType.Session), (MessageTag, KoreTagType.Message)),
            BotId = BotId,
            From = TimeParameter.ToUtc(From),
            To = TimeParameter.ToUtc(To),
            UseMessagesV2 = UseMessagesV2,
        };
        // Unless given, the page size is the maximum of the API used (100, or 10,000 with -UseMessagesV2).
        if (CommandLineParameters.Contains(nameof(PageSize)))
        {
            query.PageSize = PageSize;
        }
        return query;
    }

    private void Read(KoreMessageQuery query) =>
        WriteResults(options => ActiveConnection.GetMessages(query, options), query, query.PageSize, "Get-KoreMessage");
}
