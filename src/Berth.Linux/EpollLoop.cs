using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Berth.Linux;

/// <summary>
/// One thread blocked in epoll_wait for the whole process: every wait for a descriptor to become
/// readable or writable (pipes, pty masters, pidfds) is a task completed from here, so streams and
/// process exits cost no thread each and nothing polls. Each wait is one-shot: added, fired, removed.
/// </summary>
public sealed class EpollLoop
{
    private const int MaxEvents = 64;
    private static readonly bool PackedEvents = RuntimeInformation.ProcessArchitecture == Architecture.X64;
    private readonly SafeFdHandle _epoll;
    private readonly ConcurrentDictionary<ulong, Waiter> _waiters = new();
    private long _nextToken;

    private EpollLoop()
    {
        var fd = Interop.Libc.epoll_create1(Interop.Libc.EPOLL_CLOEXEC);
        if (fd < 0)
        {
            throw LinuxException.FromLastError("epoll_create1");
        }

        _epoll = new SafeFdHandle(fd);
        new Thread(Run) { IsBackground = true, Name = "berth-epoll" }.Start();
    }

    public static EpollLoop Shared { get; } = new();

    /// <summary>Completes when <paramref name="fd"/> is readable (or writable), or has hung up or failed.</summary>
    public unsafe Task WaitAsync(SafeFdHandle fd, bool write, CancellationToken ct)
    {
        var token = (ulong)Interlocked.Increment(ref _nextToken);
        var waiter = new Waiter(fd);
        _waiters[token] = waiter;
        var events = (write ? Interop.Libc.EPOLLOUT : Interop.Libc.EPOLLIN) | Interop.Libc.EPOLLONESHOT;
        int rc;
        if (PackedEvents)
        {
            var ev = new Interop.Libc.EpollEventX64 { Events = events, Data = token };
            rc = Interop.Libc.epoll_ctl(_epoll, Interop.Libc.EPOLL_CTL_ADD, fd, &ev);
        }
        else
        {
            var ev = new Interop.Libc.EpollEvent64 { Events = events, Data = token };
            rc = Interop.Libc.epoll_ctl(_epoll, Interop.Libc.EPOLL_CTL_ADD, fd, &ev);
        }

        if (rc != 0)
        {
            _waiters.TryRemove(token, out _);
            return Task.FromException(LinuxException.FromLastError("epoll_ctl"));
        }

        if (ct.CanBeCanceled)
        {
            waiter.SetRegistration(ct.UnsafeRegister(_ =>
            {
                if (_waiters.TryRemove(token, out var cancelled))
                {
                    Remove(cancelled.Fd);
                    cancelled.Cancel(ct);
                }
            }, null));
        }

        return waiter.Task;
    }

    private unsafe void Remove(SafeFdHandle fd)
    {
        if (!fd.IsClosed)
        {
            Interop.Libc.epoll_ctl(_epoll, Interop.Libc.EPOLL_CTL_DEL, fd, null);
        }
    }

    private unsafe void Run()
    {
        var size = PackedEvents ? sizeof(Interop.Libc.EpollEventX64) : sizeof(Interop.Libc.EpollEvent64);
        var dataOffset = PackedEvents ? 4 : 8;
        var buffer = stackalloc byte[MaxEvents * sizeof(Interop.Libc.EpollEvent64)];
        while (true)
        {
            var n = Interop.Libc.epoll_wait(_epoll, buffer, MaxEvents, -1);
            for (var i = 0; i < n; i++)
            {
                var token = *(ulong*)(buffer + (i * size) + dataOffset);
                if (_waiters.TryRemove(token, out var waiter))
                {
                    Remove(waiter.Fd);
                    waiter.Complete();
                }
            }
        }
    }

    private sealed class Waiter(SafeFdHandle fd)
    {
        private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock _lock = new();
        private CancellationTokenRegistration _registration;

        public SafeFdHandle Fd { get; } = fd;

        public Task Task => _completion.Task;

        public void SetRegistration(CancellationTokenRegistration registration)
        {
            lock (_lock)
            {
                if (_completion.Task.IsCompleted)
                {
                    registration.Dispose();
                }
                else
                {
                    _registration = registration;
                }
            }
        }

        public void Complete()
        {
            lock (_lock)
            {
                _completion.TrySetResult();
                _registration.Dispose();
            }
        }

        public void Cancel(CancellationToken ct) => _completion.TrySetCanceled(ct);
    }
}
