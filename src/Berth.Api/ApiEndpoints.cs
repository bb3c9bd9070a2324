using Berth.Api.Endpoints;
using Berth.Api.Http;
using Berth.Core.Errors;
using Berth.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Berth.Api;

/// <summary>Wires the Docker Engine API onto an ASP.NET Core application.</summary>
public static class ApiEndpoints
{
    public static void MapDockerApi(this WebApplication app, BerthEngine engine, HostFacts host)
    {
        app.UseMiddleware<ErrorMiddleware>();
        app.UseRouting();
        SystemEndpoints.Map(app, engine, host);
        DiskUsageEndpoints.Map(app, engine);
        ContainerEndpoints.Map(app, engine);
        ContainerFilesEndpoints.Map(app, engine);
        ExecEndpoints.Map(app, engine);
        ImageTransferEndpoints.Map(app, engine);
        ImageEndpoints.Map(app, engine);
        RegistryEndpoints.Map(app, engine);
        VolumeEndpoints.Map(app, engine);
        NetworkEndpoints.Map(app, engine);
        MonitoringEndpoints.Map(app, engine, host);
        app.MapFallback((HttpContext _) => Task.FromException(Errors.PageNotFound()));
    }
}
