using System.Runtime.InteropServices;
using System.Text;
using KoreHistory.Emulator;

Console.OutputEncoding = Encoding.UTF8;
EmulatorOptions options;
try
{
    options = EmulatorCommandLine.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(EmulatorCommandLine.UsageText);
    return 2;
}

var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });

await using var server = await EmulatorServer.StartAsync(options).ConfigureAwait(false);
Console.WriteLine(EmulatorCommandLine.Banner(server));
Console.Out.Flush();
await stop.Task.ConfigureAwait(false);
return 0;
