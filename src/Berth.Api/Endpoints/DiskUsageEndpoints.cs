using Berth.Api.Contracts.Json;
using Berth.Api.Contracts.System;
using Berth.Api.Contracts.Volumes;
using Berth.Api.Http;
using Berth.Api.Mapping;
using Berth.Core;
using Berth.Core.Errors;
using Berth.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Endpoints;

/// <summary>GET /system/df: images (with shared sizes), containers (with their sizes), volumes (with usage); `type=` picks some.</summary>
public static class DiskUsageEndpoints
{
    private static readonly HashSet<string> Types = ["container", "image", "volume", "build-cache"];

    public static void Map(IEndpointRouteBuilder app, BerthEngine engine)
    {
        app.MapGet("/system/df", async (HttpContext http) =>
        {
            var wanted = http.Request.Query["type"].Where(t => !string.IsNullOrEmpty(t)).Select(t => t!).ToList();
            if (wanted.FirstOrDefault(t => !Types.Contains(t)) is { } unknown)
            {
                throw Errors.InvalidArgument($"invalid type: {unknown}");
            }

            bool Wants(string type) => wanted.Count == 0 || wanted.Contains(type);
            var usage = new DiskUsage();
            var version = RequestVersion.Get(http);
            if (Wants("image"))
            {
                var (layersSize, images) = engine.Images.DiskUsage();
                usage.LayersSize = layersSize;
                usage.Images = images.Select(i =>
                {
                    var summary = ImageViews.Summary(i.Image, i.Containers, version);
                    summary.SharedSize = i.SharedSize;
                    return summary;
                }).ToList();
            }

            if (Wants("container"))
            {
                var now = DateTime.UtcNow;
                usage.Containers = engine.Containers.List(all: true, limit: 0, FilterArgs.Empty)
                    .Select(c => ContainerViews.Summary(c, now, engine.Containers.SizeRw(c.Id), engine.Containers.SizeRootFs(c)))
                    .ToList();
            }

            if (Wants("volume"))
            {
                usage.Volumes = engine.Volumes.List(FilterArgs.Empty).Select(v =>
                {
                    var view = VolumeEndpoints.View(v, engine.Volumes);
                    view.UsageData = new VolumeUsageData { Size = engine.Volumes.Usage(v.Name), RefCount = engine.Volumes.UsedBy(v.Name).Count };
                    return view;
                }).ToList();
            }

            await Json.WriteAsync(http.Response, usage, BerthJsonContext.Default.DiskUsage).ConfigureAwait(false);
        });
    }
}
