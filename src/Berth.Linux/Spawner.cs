using System.Runtime.InteropServices;

namespace Berth.Linux;

/// <summary>
/// Starts programs with posix_spawn (never fork from managed code): explicit argv and environment,
/// the given descriptors as stdin/stdout/stderr, default signal dispositions and an empty signal mask.
/// </summary>
public static class Spawner
{

    public static unsafe ChildProcess Spawn(string path, IReadOnlyList<string> args, IReadOnlyList<string> environment,
        SafeFdHandle stdin, SafeFdHandle stdout, SafeFdHandle stderr)
    {
        var allocations = new List<nint>();
        var actions = NativeMemory.AllocZeroed(Interop.Libc.FileActionsSize);
        var attr = NativeMemory.AllocZeroed(Interop.Libc.SpawnAttrSize);
        var sigset = NativeMemory.AllocZeroed(Interop.Libc.SigSetSize);
        var refs = new List<SafeFdHandle>();
        try
        {
            Interop.Libc.posix_spawn_file_actions_init(actions);
            Interop.Libc.posix_spawnattr_init(attr);
            foreach (var (handle, target) in new[] { (stdin, 0), (stdout, 1), (stderr, 2) })
            {
                var added = false;
                handle.DangerousAddRef(ref added);
                refs.Add(handle);
                Interop.Libc.posix_spawn_file_actions_adddup2(actions, handle.DangerousFd, target);
            }

            Interop.Libc.sigemptyset(sigset);
            Interop.Libc.posix_spawnattr_setsigmask(attr, sigset);
            Interop.Libc.sigfillset(sigset);
            Interop.Libc.posix_spawnattr_setsigdefault(attr, sigset);
            Interop.Libc.posix_spawnattr_setflags(attr, Interop.Libc.POSIX_SPAWN_SETSIGMASK | Interop.Libc.POSIX_SPAWN_SETSIGDEF);

            var argv = StringArray(args.Prepend(path).ToList(), allocations);
            var envp = StringArray(environment, allocations);
            var pathBytes = (byte*)Marshal.StringToCoTaskMemUTF8(path);
            allocations.Add((nint)pathBytes);
            // watched before it can exit, so the stray reaper never takes its status
            int rc;
            int pid;
            lock (StrayReaper.Lock)
            {
                rc = Interop.Libc.posix_spawn(out pid, pathBytes, actions, attr, argv, envp);
                if (rc == 0)
                {
                    StrayReaper.Watch(pid);
                }
            }

            if (rc != 0)
            {
                throw new LinuxException(rc, "posix_spawn", path);
            }

            return new ChildProcess(pid, PidFdHandle.Open(pid));
        }
        finally
        {
            foreach (var handle in refs)
            {
                handle.DangerousRelease();
            }

            Interop.Libc.posix_spawn_file_actions_destroy(actions);
            Interop.Libc.posix_spawnattr_destroy(attr);
            NativeMemory.Free(actions);
            NativeMemory.Free(attr);
            NativeMemory.Free(sigset);
            foreach (var p in allocations)
            {
                Marshal.FreeCoTaskMem(p);
            }
        }
    }

    /// <summary>The current environment as KEY=VALUE entries.</summary>
    public static IReadOnlyList<string> CurrentEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>().Select(e => $"{e.Key}={e.Value}").ToList();

    private static unsafe byte** StringArray(IReadOnlyList<string> items, List<nint> allocations)
    {
        var array = (byte**)Marshal.AllocCoTaskMem((items.Count + 1) * sizeof(nint));
        allocations.Add((nint)array);
        for (var i = 0; i < items.Count; i++)
        {
            var s = Marshal.StringToCoTaskMemUTF8(items[i]);
            allocations.Add(s);
            array[i] = (byte*)s;
        }

        array[items.Count] = null;
        return array;
    }
}
