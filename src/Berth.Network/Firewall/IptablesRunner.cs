using System.Diagnostics;
using Berth.Core.Errors;
using Berth.Network.Namespaces;

namespace Berth.Network.Firewall;

/// <summary>
/// Runs <c>iptables-save</c> and <c>iptables-restore --noflush</c>: one process per read or per batch of
/// changes. With <paramref name="netnsPath"/>, the processes are started from a thread inside that network
/// namespace, which the child inherits, so they act on its tables.
/// </summary>
internal sealed class IptablesRunner(IptablesBackend backend, string? netnsPath)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private string Suffix => backend switch
    {
        IptablesBackend.Nft => "-nft",
        IptablesBackend.Legacy => "-legacy",
        _ => "",
    };

    public Task<string> SaveAsync(CancellationToken ct) => RunAsync($"iptables{Suffix}-save", [], null, ct);

    /// <summary>Applies <paramref name="script"/> atomically per table, leaving everything it does not mention alone.</summary>
    public Task RestoreAsync(string script, CancellationToken ct) =>
        RunAsync($"iptables{Suffix}-restore", ["--noflush", "--wait=10"], script, ct);

    /// <summary>The version line, which names the backend: "iptables-restore v1.8.9 (nf_tables)".</summary>
    public async Task<string> VersionAsync(CancellationToken ct) =>
        (await RunAsync($"iptables{Suffix}-restore", ["--version"], null, ct).ConfigureAwait(false)).Trim();

    private async Task<string> RunAsync(string program, string[] arguments, string? input, CancellationToken ct)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = input is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = (netnsPath is null ? Process.Start(start) : await NetworkNamespace.RunAsync(netnsPath, () => Process.Start(start)).ConfigureAwait(false))
            ?? throw Errors.Internal($"could not start {program}");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            if (input is not null)
            {
                await process.StandardInput.WriteAsync(input.AsMemory(), timeout.Token).ConfigureAwait(false);
                process.StandardInput.Close();
            }

            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw;
        }

        var stdout = await output.ConfigureAwait(false);
        var stderr = await error.ConfigureAwait(false);
        return process.ExitCode == 0
            ? stdout
            : throw Errors.Internal($"{program} failed (exit status {process.ExitCode}): {stderr.Trim()}");
    }
}
