using Berth.Runtime;

namespace Berth.Engine.Exec;

/// <summary>One exec: created, then started once; its exit code is recorded before its streams close.</summary>
public sealed class ExecInstance
{
    public ExecInstance(string id, string containerId, ExecSettings settings)
    {
        Id = id;
        ContainerId = containerId;
        Settings = settings;
    }

    public string Id { get; }

    public string ContainerId { get; }

    public ExecSettings Settings { get; }

    public bool Started { get; set; }

    public bool Running { get; set; }

    public int? ExitCode { get; set; }

    public int Pid { get; set; }

    public RunningProcess? Process { get; set; }
}
