using Berth.Api.Contracts;
using Berth.Api.Contracts.Containers;
using Berth.Api.Contracts.Images;
using Berth.Api.Http;
using Berth.Core.Ids;
using Berth.Engine.Images;
using ImageContainerConfig = Berth.Images.ContainerConfig;
using EmptyObject = Berth.Api.Contracts.EmptyObject;
using ContainerConfig = Berth.Api.Contracts.Containers.ContainerConfig;
using RootFs = Berth.Api.Contracts.Images.RootFs;

namespace Berth.Api.Mapping;

/// <summary>Engine images → the shapes of `images` and `image inspect`.</summary>
public static class ImageViews
{
    public static ImageSummary Summary(ResolvedImage image, int? containers, ApiVersion version) => new()
    {
        Id = image.Record.Id,
        ParentId = image.Record.Parent,
        RepoTags = image.Tags.ToList(),
        RepoDigests = image.Record.RepoDigests.ToList(),
        Created = (image.Config.Created ?? DateTimeOffset.UnixEpoch).ToUnixTimeSeconds(),
        Size = image.Record.Size,
        SharedSize = -1,
        VirtualSize = version < new ApiVersion(1, 44) ? image.Record.Size : null,
        Labels = image.Config.Config?.Labels is { } labels ? new Dictionary<string, string>(labels) : [],
        Containers = containers ?? -1,
    };

    public static ImageInspectResponse Inspect(ResolvedImage image, DateTime? lastTagTime, string layersRoot, ApiVersion version)
    {
        var config = image.Config;
        var containerConfig = Config(config.Config);
        return new ImageInspectResponse
        {
            Id = image.Record.Id,
            RepoTags = image.Tags.ToList(),
            RepoDigests = image.Record.RepoDigests.ToList(),
            Parent = image.Record.Parent,
            Comment = config.Comment ?? config.History?.LastOrDefault()?.Comment ?? "",
            Created = config.Created is { } created ? Units.Rfc3339Nano(created.UtcDateTime) : null,
            Container = version < new ApiVersion(1, 45) ? "" : null,
            ContainerConfig = version < new ApiVersion(1, 45) ? containerConfig : null,
            DockerVersion = config.DockerVersion ?? "",
            Author = config.Author ?? "",
            Config = containerConfig,
            Architecture = config.Architecture,
            Variant = config.Variant,
            Os = config.Os,
            Size = image.Record.Size,
            VirtualSize = version < new ApiVersion(1, 44) ? image.Record.Size : null,
            GraphDriver = new GraphDriverData
            {
                Name = "overlay2",
                Data = image.Record.ChainIds.Count == 0 ? [] : new Dictionary<string, string>
                {
                    ["UpperDir"] = Path.Combine(layersRoot, Digest.Parse(image.Record.ChainIds[^1]).Hex, "diff"),
                },
            },
            RootFS = new RootFs { Type = "layers", Layers = image.Record.DiffIds.ToList() },
            Metadata = new ImageMetadata { LastTagTime = lastTagTime is { } t ? Units.Rfc3339Nano(t) : "0001-01-01T00:00:00Z" },
        };
    }

    public static ContainerConfig Config(ImageContainerConfig? c) => c is null ? new ContainerConfig() : new ContainerConfig
    {
        User = c.User ?? "",
        ExposedPorts = c.ExposedPorts?.Keys.ToDictionary(k => k, _ => EmptyObject.Instance),
        Env = c.Env?.ToList(),
        Cmd = c.Cmd is null ? null : new StrSlice(c.Cmd),
        Entrypoint = c.Entrypoint is null ? null : new StrSlice(c.Entrypoint),
        Volumes = c.Volumes?.Keys.ToDictionary(k => k, _ => EmptyObject.Instance),
        WorkingDir = c.WorkingDir ?? "",
        OnBuild = c.OnBuild?.ToList(),
        Labels = c.Labels is { } labels ? new Dictionary<string, string>(labels) : null,
        StopSignal = c.StopSignal,
        Shell = c.Shell?.ToList(),
        ArgsEscaped = c.ArgsEscaped ?? false,
    };
}
