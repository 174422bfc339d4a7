using System.Collections;
using System.Management.Automation;
using KoreHistory.Client;

namespace KoreHistory;

/// Get-KoreSession: streams the sessions that match the filters (Sessions History API), newest first.
[Cmdlet(VerbsCommon.Get, "KoreSession", DefaultParameterSetName = ByFilter, SupportsPaging = true)]
[OutputType(typeof(KoreSession))]
public sealed class GetKoreSessionCommand : KoreReadCommand
{
    private const string ByFilter = "ByFilter";
    private const string BySessionId = "BySessionId";

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
    public KoreSessionType SessionType { get; set; }

    [Parameter(ParameterSetName = ByFilter)]
    public KoreContainmentType ContainmentType { get; set; }

    [Parameter(ParameterSetName = ByFilter)]
    [ValidateNotNullOrEmpty]
    public IDictionary? UserTag { get; set; }

    [Parameter(ParameterSetName = ByFilter)]
    [ValidateNotNullOrEmpty]
    public IDictionary? SessionTag { get; set; }

    [Parameter(ParameterSetName = ByFilter)]
    public KoreTagMatch TagMatch { get; set; } = KoreTagMatch.All;

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = BySessionId)]
    [ValidateNotNullOrEmpty]
    public string[] SessionId { get; set; } = [];

    [Parameter]
    [ValidateRange(1, KoreSessionQuery.MaxPageSize)]
    public int PageSize { get; set; } = KoreSessionQuery.MaxPageSize;

    protected override void ProcessRecord()
    {
        var query = new KoreSessionQuery { PageSize = PageSize, BotId = BotId };
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
        WriteResults(options => ActiveConnection.GetSessions(query, options), query, PageSize, "Get-KoreSession");
    }
}
