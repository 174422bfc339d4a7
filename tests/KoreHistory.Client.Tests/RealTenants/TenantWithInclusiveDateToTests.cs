using Xunit.Abstractions;

namespace KoreHistory.Client.Tests.RealTenants;

// A platform whose dateTo is inclusive: this branch's session reads use one window per batch, so no record lies on a
// seam they share (a read by date across windows needs the reader work in ReaderWorkTests).
public sealed class TenantWithInclusiveDateToTests(TenantWithInclusiveDateTo tenant, ITestOutputHelper output)
    : SessionReadTests<TenantWithInclusiveDateTo>(tenant, output), IClassFixture<TenantWithInclusiveDateTo>
{
}
