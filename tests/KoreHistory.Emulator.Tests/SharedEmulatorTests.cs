namespace KoreHistory.Emulator.Tests;

/// A test class on the shared read-only emulator (EmulatorFixture), with an HTTP client of its own. Derived classes
/// still say [Collection(SharedEmulator.Name)]: xunit looks for the attribute on the test class itself.
public abstract class SharedEmulatorTests : IDisposable
{
    private protected SharedEmulatorTests(EmulatorFixture fixture)
    {
        Server = fixture.Server;
        Api = new Api(Server);
    }

    private protected EmulatorServer Server { get; }

    private protected EmulatorData Data => Server.Data;

    private protected Api Api { get; }

    public void Dispose()
    {
        Api.Dispose();
        GC.SuppressFinalize(this);
    }
}
