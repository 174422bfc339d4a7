using System.Collections;
using System.Management.Automation;
using KoreHistory.Client;

namespace KoreHistory;

/// Get-KoreMessage: streams messages (Conversation History API) by session, user, dates, channel, tags, or around
/// one message, oldest first (a conversation reads top to bottom; -NewestFirst reverses it). Piped sessions bind
/// SessionId, UserId, StartTime and EndTime by property name, piped strings bind as session ids (or as message ids
/// when -Direction selects that set), and piped sessions are collected into batches (up to 50 session ids per
/// request) by the engine's KoreSessionBatcher.
[Cmdlet(VerbsCommon.Get, "KoreMessage", DefaultParameterSetName = ByFilter, SupportsPaging = true)]
[OutputType(typeof(KoreMessage))]
public sealed class GetKoreMessageCommand : KoreReadCommand
{
    private const string ByMessageId = "ByMessageId";
    private KoreSessionBatcher? batcher;

    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ByFilter)]
    [ValidateNotNullOrEmpty]
    public string[]? SessionId { get; set; }

    /// What is piped in: a string is a session id (Get-Content ids.txt | Get-KoreMessage); an object's SessionId,
    /// UserId, StartTime and EndTime bind by property name instead. A separate parameter, because a string-typed
    /// -SessionId taking pipeline input by value would also take an object without a SessionId, as its text.
    [Parameter(ValueFromPipeline = true, ParameterSetName = ByFilter, DontShow = true)]
    public object? InputObject { get; set; }

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

    [Parameter(Mandatory = true, ParameterSetName = ByMessageId, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    public string MessageId { get; set; } = "";

    [Parameter(ParameterSetName = ByMessageId)]
    [EnumSpelling(typeof(KoreDirection))]
    public KoreDirection Direction { get; set; } = KoreDirection.Both;

    /// One channel or several (each read in turn; the API takes one a request).
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ChannelTypeCompleter))]
    public string[]? ChannelType { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? IvrInstanceId { get; set; }

    /// The default order; kept so that scripts which ask for it explicitly keep working.
    [Parameter]
    public SwitchParameter OldestFirst { get; set; }

    [Parameter]
    public SwitchParameter NewestFirst { get; set; }

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
    [EnumSpelling(typeof(KoreTagMatch))]
    public KoreTagMatch TagMatch { get; set; } = KoreTagMatch.All;

    /// Up to 100 a request (getMessages), or up to 10,000 with -UseMessagesV2; by default the maximum of the API used.
    [Parameter]
    [ValidateRange(1, KoreMessageQuery.MaxPageSizeV2)]
    public int PageSize { get; set; } = KoreMessageQuery.MaxPageSize;

    /// Reads through getMessagesV2: up to 10,000 messages a request, without Alert and Action task messages.
    [Parameter]
    public SwitchParameter UseMessagesV2 { get; set; }

    protected override string ItemNoun => "messages";

    protected override void BeginProcessing()
    {
        if (OldestFirst && NewestFirst)
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException("Use -OldestFirst or -NewestFirst, not both: messages come oldest first unless -NewestFirst is given."),
                "KoreOrderConflict", ErrorCategory.InvalidArgument, null));
        }
        base.BeginProcessing();
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ByMessageId)
        {
            var around = NewQuery();
            around.MessageId = MessageId;
            around.Direction = Direction;
            around.UserId = UserId;
            Read(around);
            StopUpstreamWhenDone();
            return;
        }
        var piped = InputObject is PSObject wrapped ? wrapped.BaseObject : InputObject;
        if (piped is string text && !CommandLineParameters.Contains(nameof(SessionId)))
        {
            BatchPipedSessions([text]);
            StopUpstreamWhenDone();
            return;
        }
        if (SessionId is { Length: > 0 } && !CommandLineParameters.Contains(nameof(SessionId)))
        {
            BatchPipedSessions(SessionId);
            StopUpstreamWhenDone();
            return;
        }
        if (piped is not null && UserId is null)
        {
            // Neither an id nor an object with a SessionId or UserId: reading everything for it would be a surprise.
            WriteError(new ErrorRecord(
                new ArgumentException("A piped object needs a SessionId or UserId property, or must be a session id (a string)."),
                "KoreInputNotBound", ErrorCategory.InvalidArgument, piped));
            return;
        }
        var query = NewQuery();
        query.SessionIds = SessionId;
        query.UserId = UserId;
        Read(query);
        StopUpstreamWhenDone();
    }

    protected override void EndProcessing()
    {
        foreach (var rest in batcher?.Flush() ?? [])
        {
            ReadBatch(rest);
        }
        base.EndProcessing();
    }

    // A piped session: its id and span go to the engine's batcher, which hands back a query when a batch is
    // full (50 ids) or would span more than one API window. -From and -To, if given, narrow every batch. A batch's
    // requests go out while the batch before it is written (OverlapResults); meanwhile what it has ready is written.
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
        Progress.SessionsReceived(sessionIds.Length);
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
                Progress.SessionsRead(1);
                continue;
            }
            if (ready is not null)
            {
                ReadBatch(ready);
            }
        }
        WriteOpenReads(all: false);
    }

    /// The filters that every request of this command shares.
    private KoreMessageQuery NewQuery()
    {
        var query = new KoreMessageQuery
        {
            ChannelTypes = ChannelType,
            IvrInstanceId = IvrInstanceId,
            OldestFirst = !NewestFirst,
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

    private void Read(KoreMessageQuery query) => WriteResults(options => ActiveConnection.GetMessages(query, options), query);

    private void ReadBatch(KoreMessageQuery batch) =>
        OverlapResults(options => ActiveConnection.GetMessages(batch, options), batch, () => Progress.SessionsRead(batch.SessionIds?.Count ?? 0));
}
