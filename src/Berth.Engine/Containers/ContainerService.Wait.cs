using Berth.Core.Errors;

namespace Berth.Engine.Containers;

/// <summary>The conditions of POST /containers/{id}/wait.</summary>
public enum WaitCondition
{
    NotRunning,
    NextExit,
    Removed,
}

public sealed partial class ContainerService
{
    /// <summary>
    /// Registers a wait and returns the task that completes on the condition. Registration happens
    /// before this returns, so the API can flush its headers afterwards without missing a fast exit.
    /// </summary>
    public Task<WaitResult> BeginWait(string idOrName, WaitCondition condition)
    {
        var record = Get(idOrName);
        var live = Live(record.Id);
        var pending = condition == WaitCondition.Removed ? live.Removed : live.NextExit;
        var current = _store.ById(record.Id);
        if (current is null)
        {
            return condition == WaitCondition.Removed && pending.IsCompleted ? pending : Task.FromException<WaitResult>(Errors.NoSuchContainer(idOrName));
        }

        if (condition == WaitCondition.NotRunning && !current.State.Status.IsRunning())
        {
            return Task.FromResult(new WaitResult(current.State.ExitCode, null));
        }

        return pending;
    }
}
