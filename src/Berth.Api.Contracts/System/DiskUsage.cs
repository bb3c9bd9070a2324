using Berth.Api.Contracts.Containers;
using Berth.Api.Contracts.Images;
using Berth.Api.Contracts.Volumes;

namespace Berth.Api.Contracts.System;

/// <summary>GET /system/df.</summary>
public sealed class DiskUsage
{
    public long LayersSize { get; set; }

    public List<ImageSummary> Images { get; set; } = [];

    public List<ContainerSummary> Containers { get; set; } = [];

    public List<Volume> Volumes { get; set; } = [];

    public List<BuildCache> BuildCache { get; set; } = [];
}

public sealed class BuildCache
{
    public string ID { get; set; } = "";

    public long Size { get; set; }
}
