using System.Globalization;
using Berth.Core.Errors;
using Berth.Linux;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    private const string DefaultPsArgs = "-ef";

    /// <summary>
    /// `docker top`: the processes of the container's cgroup. The default listing (ps -ef) is read from /proc;
    /// other ps options run ps over the container's PIDs.
    /// </summary>
    public async Task<ProcessList> TopAsync(string idOrName, string? psArgs, CancellationToken ct)
    {
        psArgs = string.IsNullOrWhiteSpace(psArgs) ? DefaultPsArgs : psArgs;
        PsCommand.Validate(psArgs);
        var record = Get(idOrName);
        if (record.State.Status == ContainerStatus.Restarting)
        {
            throw Errors.Conflict($"Container {record.Id} is restarting, wait until the container is running");
        }

        if (!record.State.Status.IsRunning() || ProcessOf(record.Id) is null)
        {
            throw Errors.ContainerNotRunning(record.Id);
        }

        var pids = await _runtimes.CgroupOf(record.Id).ProcessesAsync(ct).ConfigureAwait(false);
        var list = psArgs == DefaultPsArgs ? await ListFromProcAsync(pids, ct).ConfigureAwait(false) : await PsCommand.RunAsync(psArgs, pids, ct).ConfigureAwait(false);
        Emit("top", record);
        return list;
    }

    private static async Task<ProcessList> ListFromProcAsync(IReadOnlyList<int> pids, CancellationToken ct)
    {
        var processes = new List<ProcessStat>();
        foreach (var pid in pids)
        {
            if (await ProcessStat.ReadAsync(pid, ct: ct).ConfigureAwait(false) is { } process)
            {
                processes.Add(process);
            }
        }

        var users = await HostUsersAsync(ct).ConfigureAwait(false);
        var rows = FullProcessListing.Rows(processes, await BootTimeAsync(ct).ConfigureAwait(false), DateTime.Now, uid => users.GetValueOrDefault(uid));
        return new ProcessList(FullProcessListing.Titles, rows);
    }

    /// <summary>The host's user names by UID (ps prints the host's names, whatever the container calls them).</summary>
    private static async Task<Dictionary<int, string>> HostUsersAsync(CancellationToken ct)
    {
        var users = new Dictionary<int, string>();
        foreach (var line in await File.ReadAllLinesAsync("/etc/passwd", ct).ConfigureAwait(false))
        {
            var fields = line.Split(':');
            if (fields.Length > 2 && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
            {
                users.TryAdd(uid, fields[0]);
            }
        }

        return users;
    }

    /// <summary>When the host booted (btime in /proc/stat), in local time.</summary>
    private static async Task<DateTime> BootTimeAsync(CancellationToken ct)
    {
        var line = (await File.ReadAllLinesAsync("/proc/stat", ct).ConfigureAwait(false)).First(l => l.StartsWith("btime ", StringComparison.Ordinal));
        return DateTimeOffset.FromUnixTimeSeconds(long.Parse(line[6..], NumberStyles.None, CultureInfo.InvariantCulture)).LocalDateTime;
    }
}
