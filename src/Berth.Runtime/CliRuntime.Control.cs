using System.Globalization;
using Berth.Linux;
using Berth.Runtime.Cli;

namespace Berth.Runtime;

public sealed partial class CliRuntime
{
    public Task KillAsync(string containerId, int signal, bool all, CancellationToken ct)
    {
        var number = signal.ToString(CultureInfo.InvariantCulture);
        return InvokeAsync(all ? ["kill", "--all", containerId, number] : ["kill", containerId, number], ct);
    }

    public Task PauseAsync(string containerId, CancellationToken ct) => InvokeAsync(["pause", containerId], ct);

    public Task ResumeAsync(string containerId, CancellationToken ct) => InvokeAsync(["resume", containerId], ct);

    public async Task UpdateAsync(string containerId, string bundleDir, ResourceLimits resources, CancellationToken ct)
    {
        var file = System.IO.Path.Combine(bundleDir, "resources.json");
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(Spec.ResourceMapping.ForLimits(resources), Oci.OciJsonContext.Default.OciResources);
        await File.WriteAllBytesAsync(file, json, ct).ConfigureAwait(false);
        try
        {
            await InvokeAsync(["update", "--resources", file, containerId], ct).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public async Task DeleteAsync(string containerId, bool force, CancellationToken ct)
    {
        _capabilities.TryRemove(containerId, out _);
        if (!Directory.Exists(StateDir(containerId)))
        {
            return;
        }

        try
        {
            await InvokeAsync(force ? ["delete", "--force", containerId] : ["delete", containerId], ct).ConfigureAwait(false);
        }
        catch (Core.Errors.BerthException) when (!Directory.Exists(StateDir(containerId)))
        {
            // deleted meanwhile (a concurrent delete): what was asked is done
        }
    }

    /// <summary>Runs one short runtime command; its stderr becomes the error message on failure.</summary>
    private async Task InvokeAsync(string[] command, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var ran = await Spawner.RunAsync(Path, ["--root", StateRoot, .. command], RuntimeEnvironment.Variables, CancellationToken.None).ConfigureAwait(false);
        if (ran.Status.ExitCode != 0)
        {
            throw RuntimeErrors.CommandFailed(Name, command[0], ran.Stderr.Length > 0 ? ran.Stderr : $"exit status {ran.Status.ShellCode}");
        }
    }
}
