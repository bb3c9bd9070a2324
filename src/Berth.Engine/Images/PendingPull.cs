using Berth.Core.Ids;
using Berth.Registry.Pull;

namespace Berth.Engine.Images;

/// <summary>A pull whose manifests are resolved: what was asked for (a repository alone for all its tags), and one plan per tag or digest.</summary>
public sealed record PendingPull(ImageRef Requested, IReadOnlyList<PullPlan> Plans);
