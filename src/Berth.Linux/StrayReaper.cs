using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Berth.Linux;

/// <summary>
/// A child subreaper inherits processes it never started: a runtime's short-lived helpers, orphaned
/// when the runtime exits. Unreaped, such a zombie inside a container's PID namespace keeps that
/// namespace's init from ever finishing its exit. On every SIGCHLD this reaps each child that nobody
/// is watching (<see cref="ChildProcess"/> registers the ones that are).
/// </summary>
public static class StrayReaper
{
    private const int P_PID = 1;
    private static readonly ConcurrentDictionary<int, byte> Watched = new();
    private static PosixSignalRegistration? _registration;

    /// <summary>Held while spawning and while reaping, so a new child is watched before the reaper can see it.</summary>
    internal static readonly object Lock = new();

    /// <summary>Starts reaping strays; call once after becoming a subreaper.</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public static void Enable()
    {
        _registration ??= PosixSignalRegistration.Create(PosixSignal.SIGCHLD, _ => ReapStrays());
        ReapStrays();
    }

    internal static void Watch(int pid) => Watched[pid] = 0;

    internal static void Unwatch(int pid) => Watched.TryRemove(pid, out _);

    private static void ReapStrays()
    {
        lock (Lock)
        {
            ReapUnwatched();
        }
    }

    private static void ReapUnwatched()
    {
        foreach (var pid in Children())
        {
            if (!Watched.ContainsKey(pid))
            {
                // WNOHANG: a live stray stays; it is reaped at the SIGCHLD of its own exit
                Interop.Libc.waitid(P_PID, pid, out _, Interop.Libc.WEXITED | Interop.Libc.WNOHANG);
            }
        }
    }

    private static IEnumerable<int> Children()
    {
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            string text;
            try
            {
                text = File.ReadAllText(Path.Combine(task, "children"));
            }
            catch (IOException)
            {
                continue;
            }

            foreach (var part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                {
                    yield return pid;
                }
            }
        }
    }
}
