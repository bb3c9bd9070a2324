namespace Berth.Network.Namespaces;

/// <summary>
/// Runs code inside a network namespace. setns(2) and unshare(2) change only the calling thread, so the
/// work runs on a dedicated thread, never a pool thread, that exits when the work is done; the rest of
/// the process keeps its namespace. Sockets created by the work stay in that namespace for their whole
/// life and can then be served from ordinary async code. The work must be synchronous: an await inside
/// it would continue on another thread, outside the namespace.
/// </summary>
public static class NetworkNamespace
{
    private const int StackSize = 256 * 1024;

    /// <summary>Runs <paramref name="work"/> inside the namespace bind-mounted (or linked under /proc) at <paramref name="netnsPath"/>.</summary>
    public static Task<T> RunAsync<T>(string netnsPath, Func<T> work)
    {
        ArgumentException.ThrowIfNullOrEmpty(netnsPath);
        ArgumentNullException.ThrowIfNull(work);
        return RunOnDedicatedThread(() =>
        {
            using (var target = FdHandle.Open(netnsPath))
            {
                if (Interop.Libc.setns(target, Interop.Libc.CLONE_NEWNET) != 0)
                {
                    throw NetworkException.FromLastError("setns", netnsPath);
                }
            }

            return work();
        });
    }

    public static Task RunAsync(string netnsPath, Action work) =>
        RunAsync(netnsPath, () =>
        {
            work();
            return true;
        });

    /// <summary>Runs <paramref name="work"/> in a brand-new network namespace that lives only as long as something holds it.</summary>
    internal static Task<T> RunInNewAsync<T>(Func<T> work) =>
        RunOnDedicatedThread(() =>
        {
            if (Interop.Libc.unshare(Interop.Libc.CLONE_NEWNET) != 0)
            {
                throw NetworkException.FromLastError("unshare(CLONE_NEWNET)");
            }

            return work();
        });

    private static Task<T> RunOnDedicatedThread<T>(Func<T> body)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(
            () =>
            {
                try
                {
                    completion.SetResult(body());
                }
#pragma warning disable CA1031 // the thread's only way out: the caller gets the exception through the task
                catch (Exception e)
#pragma warning restore CA1031
                {
                    completion.SetException(e);
                }
            },
            StackSize)
        {
            IsBackground = true,
            Name = "berth-netns",
        };
        thread.UnsafeStart();
        return completion.Task;
    }
}
