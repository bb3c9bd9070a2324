using Berth.Api;
using Berth.Api.Endpoints;
using Berth.Api.Hijack;
using Berth.Daemon;
using Berth.Engine;
using Berth.Runtime;

DaemonOptions options;
try
{
    options = DaemonOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

using var pidFile = options.PidFile is null ? null : DaemonFiles.HoldPidFile(options.PidFile);
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o =>
{
    o.SingleLine = true;
    o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fff ";
});
builder.Logging.SetMinimumLevel(options.Debug ? LogLevel.Debug : LogLevel.Information);
builder.Logging.AddFilter("Microsoft", options.Debug ? LogLevel.Information : LogLevel.Warning);

using var loggers = LoggerFactory.Create(l => l.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
var log = loggers.CreateLogger("berthd");

RuntimeHost.Initialize();
var runtimes = RuntimeCatalog.Create(options.Runtime, options.DataRoot);
foreach (var note in runtimes.Notes)
{
    log.LogInformation("{Note}", note);
}

await using var engine = await BerthEngine.OpenAsync(new EngineOptions { DataRoot = options.DataRoot, DefaultRuntime = options.Runtime, NetworkTag = options.NetworkTag, BridgeIp = options.BridgeIp, InsecureRegistries = options.InsecureRegistries }, runtimes, loggers, CancellationToken.None);
var host = new HostFacts(engine.Paths.DataRoot);

Directory.CreateDirectory(Path.GetDirectoryName(options.Socket)!);
if (File.Exists(options.Socket))
{
    File.Delete(options.Socket);
}

builder.Services.AddSingleton(engine);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Limits.MaxRequestBodySize = null;
    kestrel.Limits.KeepAliveTimeout = TimeSpan.FromMinutes(10);
    kestrel.AddServerHeader = false;
    kestrel.ListenUnixSocket(options.Socket, listen =>
    {
        var hijack = new HijackMiddleware(engine, listen.ApplicationServices.GetRequiredService<ILogger<HijackMiddleware>>());
        listen.Use(next => connection => hijack.OnConnectionAsync(connection, next));
    });
});

var app = builder.Build();
app.MapDockerApi(engine, host);
await app.StartAsync();
File.SetUnixFileMode(options.Socket, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
if (options.ReadyFifo is not null)
{
    DaemonFiles.SignalReady(options.ReadyFifo);
}

log.LogInformation("berthd listening on unix://{Socket}, data root {DataRoot}, runtime {Runtime}", options.Socket, engine.Paths.DataRoot, runtimes.DefaultName);
await app.WaitForShutdownAsync();
await engine.Containers.StopAllAsync(TimeSpan.FromSeconds(10));
return 0;
