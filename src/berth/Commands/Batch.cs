using Berth.Cli.Cli;

namespace Berth.Cli.Commands;

/// <summary>
/// docker's pattern for commands over several objects: run the operation for each (in parallel
/// where docker does), print each name that succeeded in argument order, and fail with every
/// error joined, one per line, exit status 1.
/// </summary>
internal static class Batch
{
    private const int Parallelism = 50;

    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> names, Func<string, CancellationToken, Task> operation, CancellationToken ct, bool parallel = true, Func<Exception, bool>? reportOnly = null)
    {
        var results = new Task[names.Count];
        using var gate = new SemaphoreSlim(parallel ? Parallelism : 1);
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            results[i] = RunOneAsync(gate, () => operation(name, ct), ct);
        }

        var errors = new List<string>();
        for (var i = 0; i < names.Count; i++)
        {
            try
            {
                await results[i].ConfigureAwait(false);
                await context.Out.WriteLineAsync(names[i]).ConfigureAwait(false);
            }
            catch (Exception e) when (IsReportable(e))
            {
                if (reportOnly?.Invoke(e) == true)
                {
                    await context.Err.WriteLineAsync(e.Message).ConfigureAwait(false);
                    continue;
                }

                errors.Add(e.Message);
            }
        }

        if (errors.Count > 0)
        {
            throw new CliStatusException(1, string.Join('\n', errors));
        }

        return 0;
    }

    public static bool IsReportable(Exception e) =>
        e is Client.DaemonException or Client.DaemonUnreachableException or InvalidOperationException or IOException or ArgumentException;

    private static async Task RunOneAsync(SemaphoreSlim gate, Func<Task> operation, CancellationToken ct)
    {
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await operation().ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }
}
