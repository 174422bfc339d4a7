using Microsoft.Extensions.Http;

namespace KoreHistory.Client;

// Microsoft.Extensions.Http's handler builder, without a DI container (a PowerShell module has none).
internal sealed class KoreHandlerBuilder : HttpMessageHandlerBuilder
{
    public KoreHandlerBuilder(HttpMessageHandler primaryHandler)
    {
        PrimaryHandler = primaryHandler;
    }

    public override string? Name { get; set; } = "KoreHistory";

    public override HttpMessageHandler PrimaryHandler { get; set; }

    public override IList<DelegatingHandler> AdditionalHandlers { get; } = [];

    public override HttpMessageHandler Build() => CreateHandlerPipeline(PrimaryHandler, AdditionalHandlers);
}
