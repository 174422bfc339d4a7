using System.Collections;
using System.Management.Automation;
using KoreHistory.Client;

namespace KoreHistory;

/// Get-KoreSession: streams the sessions that match the filters (Sessions History API), newest first. Session ids
/// piped as strings (Get-Content ids.txt | Get-KoreSession) or as objects with a SessionId are read 50 to a request.
[Cmdlet(VerbsCommon.Get, "KoreSession", DefaultParameterSetName = ByFilter, SupportsPaging = true)]
[OutputType(typeof(KoreSession))]
public sealed class GetKoreSessionCommand : KoreReadCommand
{
    private const string BySessionId = "BySessionId";
    // Piped ids are read in groups of the API's most per request; the engine would split a longer list itself, so
    // this only decides how soon the first sessions come.
    private const int PipedIdsPerRead = 50;
    private readonly List<string> pipedIds = [];
    // A session is read once however often its id is piped (Get-KoreMessage … | Get-KoreSession pipes one per message).
    private readonly HashSet<string> seenIds = new(StringComparer.Ordinal);

    [Parameter(ParameterSetName = ByFilter)]
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

    [Parameter(ParameterSetName = ByFilter)]
    [EnumSpelling(typeof(KoreSessionType))]
    public KoreSessionType SessionType { get; set; }

    [Parameter(ParameterSetName = ByFilter)]
    [EnumSpelling(typeof(KoreContainmentType))]
    public KoreContainmentType ContainmentType { get; set; }

    [Parameter(ParameterSetName = ByFilter)]
    [ValidateNotNullOrEmpty]
    public IDictionary? UserTag { get; set; }

    [Parameter(ParameterSetName = ByFilter)]
    [ValidateNotNullOrEmpty]
    public IDictionary? SessionTag { get; set; }

    [Parameter(ParameterSetName = ByFilter)]
    [EnumSpelling(typeof(KoreTagMatch))]
    public KoreTagMatch TagMatch { get; set; } = KoreTagMatch.All;

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = BySessionId, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] SessionId { get; set; } = [];

    [Parameter]
    [ValidateRange(1, KoreSessionQuery.MaxPageSize)]
    public int PageSize { get; set; } = KoreSessionQuery.MaxPageSize;

    protected override string ItemNoun => "sessions";

    protected override void ProcessRecord()
    {
        if (ParameterSetName == BySessionId && !CommandLineParameters.Contains(nameof(SessionId)))
        {
            // Piped ids: read in groups of PipedIdsPerRead, the rest at the end.
            var fresh = SessionId.Where(seenIds.Add).ToList();
            pipedIds.AddRange(fresh);
            Progress.SessionsReceived(fresh.Count);
            while (pipedIds.Count >= PipedIdsPerRead)
            {
                ReadIds(pipedIds.Take(PipedIdsPerRead).ToList());
                pipedIds.RemoveRange(0, PipedIdsPerRead);
            }
            WriteOpenReads(all: false);
            StopUpstreamWhenDone();
            return;
        }
        var query = NewQuery();
        if (ParameterSetName == BySessionId)
        {
            query.SessionIds = SessionId;
        }
        else
        {
            query.UserId = UserId;
            query.From = TimeParameter.ToUtc(From);
            query.To = TimeParameter.ToUtc(To);
            query.SessionType = CommandLineParameters.Contains(nameof(SessionType)) ? SessionType : null;
            query.ContainmentType = CommandLineParameters.Contains(nameof(ContainmentType)) ? ContainmentType : null;
            query.Tags = TagParameters.ToFilter(TagMatch, (UserTag, KoreTagType.User), (SessionTag, KoreTagType.Session));
        }
        Read(query);
        StopUpstreamWhenDone();
    }

    protected override void EndProcessing()
    {
        if (pipedIds.Count > 0)
        {
            ReadIds([.. pipedIds]);
            pipedIds.Clear();
        }
        base.EndProcessing();
    }

    private KoreSessionQuery NewQuery() => new() { PageSize = PageSize, BotId = BotId };

    // A group of piped ids: its look-up goes out while the group before it is written (OverlapResults).
    private void ReadIds(List<string> ids)
    {
        var query = NewQuery();
        query.SessionIds = ids;
        OverlapResults(options => ActiveConnection.GetSessions(query, options), query, () => Progress.SessionsRead(ids.Count));
    }

    private void Read(KoreSessionQuery query) => WriteResults(options => ActiveConnection.GetSessions(query, options), query);
}
