using System.Runtime.InteropServices;
using System.Text;

namespace Berth.Linux;

/// <summary>
/// Starts programs with posix_spawn (never fork from managed code): explicit argv and environment, the
/// given descriptors as 0, 1, 2 (then 3, 4... for <c>inherit</c>) and nothing else open, default signal
/// dispositions, an empty signal mask, and a session of its own, so a Ctrl+C at the daemon's terminal
/// does not reach containers.
/// </summary>
public static class Spawner
{
    public static unsafe ChildProcess Spawn(string path, IReadOnlyList<string> args, IReadOnlyList<string> environment,
        SafeFdHandle stdin, SafeFdHandle stdout, SafeFdHandle stderr, IReadOnlyList<SafeFdHandle>? inherit = null)
    {
        var sources = new List<SafeFdHandle> { stdin, stdout, stderr };
        sources.AddRange(inherit ?? []);
        var allocations = new List<nint>();
        var owned = new List<SafeFdHandle>();
        var referenced = new List<SafeFdHandle>();
        var actions = NativeMemory.AllocZeroed(Interop.Libc.FileActionsSize);
        var attr = NativeMemory.AllocZeroed(Interop.Libc.SpawnAttrSize);
        var sigset = NativeMemory.AllocZeroed(Interop.Libc.SigSetSize);
        try
        {
            Check(Interop.Libc.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
            Check(Interop.Libc.posix_spawnattr_init(attr), "posix_spawnattr_init");
            for (var target = 0; target < sources.Count; target++)
            {
                var source = sources[target];
                if (source.DangerousFd < sources.Count && source.DangerousFd != target)
                {
                    // an earlier dup2 would overwrite it: move it above the targets first
                    source = Descriptors.Duplicate(source, sources.Count);
                    owned.Add(source);
                }

                var added = false;
                source.DangerousAddRef(ref added);
                referenced.Add(source);
                Check(Interop.Libc.posix_spawn_file_actions_adddup2(actions, source.DangerousFd, target), "posix_spawn_file_actions_adddup2");
            }

            Check(Interop.Libc.posix_spawn_file_actions_addclosefrom_np(actions, sources.Count), "posix_spawn_file_actions_addclosefrom_np");
            Interop.Libc.sigemptyset(sigset);
            Check(Interop.Libc.posix_spawnattr_setsigmask(attr, sigset), "posix_spawnattr_setsigmask");

            // every bit, not sigfillset: that leaves out glibc's internal signals 32 and 33, which posix_spawn
            // then sets to SIG_IGN in the child, and ignored signals stay ignored through exec into containers
            NativeMemory.Fill(sigset, Interop.Libc.SigSetSize, 0xFF);
            Check(Interop.Libc.posix_spawnattr_setsigdefault(attr, sigset), "posix_spawnattr_setsigdefault");
            Check(Interop.Libc.posix_spawnattr_setflags(attr, Interop.Libc.POSIX_SPAWN_SETSIGMASK | Interop.Libc.POSIX_SPAWN_SETSIGDEF | Interop.Libc.POSIX_SPAWN_SETSID), "posix_spawnattr_setflags");

            var argv = StringArray([path, .. args], allocations);
            var envp = StringArray(environment, allocations);
            var pathBytes = (byte*)Marshal.StringToCoTaskMemUTF8(path);
            allocations.Add((nint)pathBytes);
            int pid;
            lock (StrayReaper.Lock)
            {
                // watched before any SIGCHLD pass can see it, so the stray reaper never takes its status
                Check(Interop.Libc.posix_spawn(out pid, pathBytes, actions, attr, argv, envp), "posix_spawn", path);
                StrayReaper.Watch(pid);
            }

            return ChildProcess.Started(pid);
        }
        finally
        {
            foreach (var handle in referenced)
            {
                handle.DangerousRelease();
            }

            foreach (var handle in owned)
            {
                handle.Dispose();
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

    /// <summary>Runs a program to its end, stdin on /dev/null, and returns its exit and what it wrote (UTF-8).</summary>
    public static async Task<ProgramOutput> RunAsync(string path, IReadOnlyList<string> args, IReadOnlyList<string> environment, CancellationToken ct = default)
    {
        var (outRead, outWrite) = Pipe.Create();
        var (errRead, errWrite) = Pipe.Create();
        using var stdout = new StreamReader(new PollableStream(outRead, null), Encoding.UTF8);
        using var stderr = new StreamReader(new PollableStream(errRead, null), Encoding.UTF8);
        ChildProcess child;
        using (var stdin = Descriptors.OpenDevNull(write: false))
        using (outWrite)
        using (errWrite)
        {
            child = Spawn(path, args, environment, stdin, outWrite, errWrite);
        }

        using (child)
        {
            // both read to the end before the exit is awaited: a full pipe would block the program
            var output = stdout.ReadToEndAsync(ct);
            var error = stderr.ReadToEndAsync(ct);
            await Task.WhenAll(output, error).ConfigureAwait(false);
            return new ProgramOutput(await child.WaitForExitAsync().ConfigureAwait(false), output.Result, error.Result);
        }
    }

    /// <summary>The posix_spawn family returns the error number instead of setting errno.</summary>
    private static void Check(int rc, string call, string? path = null)
    {
        if (rc != 0)
        {
            throw new LinuxException(rc, call, path);
        }
    }

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
