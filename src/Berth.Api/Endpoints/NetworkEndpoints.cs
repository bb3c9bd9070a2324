using Berth.Api.Contracts;
using Berth.Api.Contracts.Json;
using Berth.Api.Contracts.Networks;
using Berth.Api.Http;
using Berth.Core.Errors;
using Berth.Engine;
using Berth.Engine.Containers;
using Berth.Engine.Networks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Endpoints;

/// <summary>The /networks routes.</summary>
public static class NetworkEndpoints
{
    public static void Map(IEndpointRouteBuilder app, BerthEngine engine)
    {
        var networks = engine.Networks;

        app.MapGet("/networks", async (HttpContext http) =>
        {
            var list = networks.List(Query.Filters(http.Request)).Select(n => View(n, networks, withContainers: false)).ToList();
            await Json.WriteAsync(http.Response, list, BerthJsonContext.Default.ListNetworkResource).ConfigureAwait(false);
        });

        app.MapGet("/networks/{id}", (HttpContext http, string id) =>
            Json.WriteAsync(http.Response, View(networks.Find(id), networks, withContainers: true), BerthJsonContext.Default.NetworkResource));

        app.MapPost("/networks/create", async (HttpContext http) =>
        {
            var request = await Json.ReadAsync(http.Request, BerthJsonContext.Default.NetworkCreateRequest).ConfigureAwait(false)
                ?? throw Errors.InvalidArgument("invalid name: name cannot be empty");
            var ipam = request.IPAM?.Config?.FirstOrDefault();
            var network = await networks.CreateAsync(new NetworkCreateSpec(
                request.Name, request.Driver, ipam?.Subnet, ipam?.Gateway, request.Internal, request.Attachable, request.EnableIPv6 ?? false,
                request.Labels ?? [], request.Options ?? []), http.RequestAborted).ConfigureAwait(false);
            await Json.WriteAsync(http.Response, new NetworkCreateResponse { Id = network.Id }, BerthJsonContext.Default.NetworkCreateResponse, StatusCodes.Status201Created).ConfigureAwait(false);
        });

        app.MapDelete("/networks/{id}", async (HttpContext http, string id) =>
        {
            await networks.RemoveAsync(id, http.RequestAborted).ConfigureAwait(false);
            http.Response.StatusCode = StatusCodes.Status204NoContent;
        });

        app.MapPost("/networks/prune", async (HttpContext http) =>
        {
            var removed = await networks.PruneAsync(Query.Filters(http.Request), http.RequestAborted).ConfigureAwait(false);
            await Json.WriteAsync(http.Response, new NetworkPruneResponse { NetworksDeleted = [.. removed] }, BerthJsonContext.Default.NetworkPruneResponse).ConfigureAwait(false);
        });

        app.MapPost("/networks/{id}/connect", async (HttpContext http, string id) =>
        {
            var request = await Json.ReadAsync(http.Request, BerthJsonContext.Default.NetworkConnectRequest).ConfigureAwait(false)
                ?? throw Errors.InvalidArgument("container is required");
            var endpoint = request.EndpointConfig;
            await networks.ConnectAsync(id, request.Container, new EndpointRequestSettings(endpoint?.Aliases ?? [], endpoint?.IPAMConfig?.IPv4Address, endpoint?.MacAddress), http.RequestAborted).ConfigureAwait(false);
            http.Response.StatusCode = StatusCodes.Status200OK;
        });

        app.MapPost("/networks/{id}/disconnect", async (HttpContext http, string id) =>
        {
            var request = await Json.ReadAsync(http.Request, BerthJsonContext.Default.NetworkDisconnectRequest).ConfigureAwait(false)
                ?? throw Errors.InvalidArgument("container is required");
            await networks.DisconnectAsync(id, request.Container, request.Force).ConfigureAwait(false);
            http.Response.StatusCode = StatusCodes.Status200OK;
        });
    }

    private static NetworkResource View(NetworkRecord n, NetworkService networks, bool withContainers) => new()
    {
        Name = n.Name,
        Id = n.Id,
        Created = Units.Rfc3339Nano(n.Created),
        Scope = "local",
        Driver = n.Driver,
        EnableIPv6 = n.EnableIPv6,
        IPAM = new Ipam
        {
            Driver = "default",
            Config = n.Subnet.Length == 0 ? [] : [new IpamConfig { Subnet = n.Subnet, Gateway = n.Gateway }],
        },
        Internal = n.Internal,
        Attachable = n.Attachable,
        Containers = !withContainers ? [] : networks.ContainersOn(n.Id)
            .Where(c => c.State.Status.IsRunning() && c.Networks.Values.Any(a => a.NetworkId == n.Id && a.IPAddress.Length > 0))
            .ToDictionary(c => c.Id, c =>
            {
                var attachment = c.Networks.Values.First(a => a.NetworkId == n.Id);
                return new NetworkContainer
                {
                    Name = c.Name,
                    EndpointID = attachment.EndpointId,
                    MacAddress = attachment.MacAddress,
                    IPv4Address = $"{attachment.IPAddress}/{attachment.PrefixLength}",
                    IPv6Address = "",
                };
            }),
        Options = new Dictionary<string, string>(n.Options),
        Labels = new Dictionary<string, string>(n.Labels),
    };
}
