using System.Collections.Concurrent;
using System.Globalization;

namespace Berth.Linux;

/// <summary>
/// A child subreaper inherits processes it never started: a runtime's short-lived helpers, orphaned
/// when the runtime exits. Unreaped, such a zombie inside a container's PID namespace keeps that
/// namespace's init from ever finishing its exit. On every SIGCHLD this reaps each such stray: a child
/// nobody watches (<see cref="ChildProcess"/> registers the watched ones) outside our own session.
/// Everything <see cref="Spawner"/> starts leads a session of its own, while children of
/// System.Diagnostics.Process stay in ours: reaping one of those would make Process fail fast.
/// </summary>
public static class StrayReaper
{
    private static readonly ConcurrentDictionary<int, byte> Watched = new();
    private static readonly Lazy<int> OwnSession = new(() => Interop.Libc.getsid(0));
    private static bool _enabled;
    private static int _holds;
    private static bool _missed;

    /// <summary>Held while spawning and while reaping, so a new child is watched before the reaper can see it.</summary>
    internal static readonly Lock Lock = new();

    /// <summary>Starts reaping strays at every SIGCHLD; call once after becoming a subreaper.</summary>
    public static void Enable()
    {
        Volatile.Write(ref _enabled, true);
        ChildSignals.Listen();
        ReapStrays();
    }

    /// <summary>
    /// Holds off reaping while a child we mean to watch can appear unannounced: a container's init becomes
    /// our child when its runtime exits, before we have read its PID. Dispose once it is adopted.
    /// </summary>
    public static IDisposable Hold()
    {
        // under the lock: a pass already under way finishes before the hold counts
        lock (Lock)
        {
            _holds++;
        }

        return new Release();
    }

    internal static void Watch(int pid) => Watched[pid] = 0;

    internal static void Unwatch(int pid) => Watched.TryRemove(pid, out _);

    internal static void OnChildSignal()
    {
        if (Volatile.Read(ref _enabled))
        {
            ReapStrays();
        }
    }

    private static void ReapStrays()
    {
        lock (Lock)
        {
            if (_holds > 0)
            {
                _missed = true;
                return;
            }

            foreach (var pid in Children())
            {
                if (IsStray(pid))
                {
                    // WNOHANG: a live stray stays; it is reaped at the SIGCHLD of its own exit
                    Interop.Libc.waitid(Interop.Libc.P_PID, pid, out _, Interop.Libc.WEXITED | Interop.Libc.WNOHANG);
                }
            }
        }
    }

    /// <summary>Unwatched, and not in our session (so not System.Diagnostics.Process's).</summary>
    internal static bool IsStray(int pid)
    {
        if (Watched.ContainsKey(pid))
        {
            return false;
        }

        var session = Interop.Libc.getsid(pid);
        return session > 0 && session != OwnSession.Value;
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

    private sealed class Release : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }

            lock (Lock)
            {
                if (--_holds > 0 || !_missed)
                {
                    return;
                }

                _missed = false;
            }

            // off the caller's path: a pass reads /proc for every thread
            ThreadPool.UnsafeQueueUserWorkItem(_ => ReapStrays(), null);
        }
    }
}
