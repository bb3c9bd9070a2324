namespace Berth.Runtime;

/// <summary>
/// An OCI runtime (crun, runc) driven through its command line. The engine never speaks to the
/// kernel about namespaces, cgroups, capabilities or seccomp: it describes a container as a
/// <see cref="ContainerSpec"/> and the runtime makes it so.
///
/// Lifecycle: <see cref="RunAsync"/> writes the bundle and starts the container detached (the
/// daemon is a child subreaper, so the container's init becomes its child); its exit is learnt
/// through a pidfd, without polling; <see cref="ReleaseAsync"/> (or <see cref="DeleteAsync"/>) frees what the
/// runtime holds.
/// </summary>
public interface IOciRuntime
{
    /// <summary>"crun" or "runc": what <c>--runtime</c> and <c>info</c> call it.</summary>
    string Name { get; }

    /// <summary>The executable, e.g. /usr/bin/crun.</summary>
    string Path { get; }

    /// <summary>
    /// Writes <c>config.json</c> into <see cref="ContainerSpec.BundleDir"/> and starts the container.
    /// Returns once the container's init process runs (or throws a BerthException whose message
    /// carries the runtime's own error text, e.g. "exec: \"nosuch\": executable file not found in $PATH").
    /// </summary>
    Task<RunningProcess> RunAsync(ContainerSpec spec, StdioSpec stdio, CancellationToken ct);

    /// <summary>
    /// Starts a further process in a running container (<c>exec</c>); returns once it runs, or throws a
    /// BerthException in Docker's words ("OCI runtime exec failed: ... executable file not found in $PATH").
    /// </summary>
    Task<RunningProcess> ExecAsync(string containerId, ProcessSpec process, StdioSpec stdio, CancellationToken ct);

    /// <summary>Sends a signal to the container's init (or to all its processes).</summary>
    Task KillAsync(string containerId, int signal, bool all, CancellationToken ct);

    Task PauseAsync(string containerId, CancellationToken ct);

    /// <summary>Changes the cgroup limits of a running container (<c>update --resources</c>).</summary>
    Task UpdateAsync(string containerId, string bundleDir, ResourceLimits resources, CancellationToken ct);

    Task ResumeAsync(string containerId, CancellationToken ct);

    /// <summary>Removes the runtime's state of a stopped container; idempotent (a missing container is not an error).</summary>
    Task DeleteAsync(string containerId, bool force, CancellationToken ct);

    /// <summary>
    /// Deletes the state of a container whose init has exited without making the caller wait: a runtime
    /// delete is a further exec of the runtime (about 5 ms, a seventh of a whole <c>run --rm</c>), and nothing
    /// that follows an exit needs it done. The task completes once the state is gone; a <see cref="RunAsync"/>
    /// of the same ID waits for it first.
    /// </summary>
    Task ReleaseAsync(string containerId);

    /// <summary>Waits for every <see cref="ReleaseAsync"/> under way (daemon shutdown); never throws.</summary>
    Task DrainReleasesAsync();

    /// <summary>
    /// The IDs of the containers the runtime holds state for. At daemon start none of them runs under this
    /// daemon: a daemon that died (between an exit and its release, or with containers running) leaves some.
    /// </summary>
    IReadOnlyList<string> KnownContainers();
}
