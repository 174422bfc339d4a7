using System.Runtime.InteropServices;
using System.Text;
using KoreHistory.Emulator;

Console.OutputEncoding = Encoding.UTF8;
if (EmulatorCommandLine.WantsHelp(args))
{
    Console.Write(EmulatorCommandLine.HelpText);
    return EmulatorCommandLine.ExitOk;
}

EmulatorOptions options;
try
{
    options = EmulatorCommandLine.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine("error: " + e.Message);
    Console.Error.WriteLine(EmulatorCommandLine.UsageText);
    return EmulatorCommandLine.ExitBadCommandLine;
}

var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });

EmulatorServer server;
try
{
    server = await EmulatorServer.StartAsync(options).ConfigureAwait(false);
}
catch (EmulatorListenException e)
{
    Console.Error.WriteLine("error: " + e.Message);
    return EmulatorCommandLine.ExitCannotListen;
}

await using (server.ConfigureAwait(false))
{
    Console.WriteLine(EmulatorCommandLine.Banner(server));
    Console.Out.Flush();
    await stop.Task.ConfigureAwait(false);
}

return EmulatorCommandLine.ExitOk;
