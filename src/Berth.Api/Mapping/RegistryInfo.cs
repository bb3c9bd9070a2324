using System.Net;
using Berth.Api.Contracts.System;
using Berth.Registry;

namespace Berth.Api.Mapping;

/// <summary>/info's RegistryConfig as moby fills it: loopback always insecure, then the daemon's insecure registries (CIDRs or names).</summary>
public static class RegistryInfo
{
    public static RegistryServiceConfig For(RegistryOptions options)
    {
        var config = new RegistryServiceConfig
        {
            InsecureRegistryCIDRs = ["::1/128", "127.0.0.0/8"],
            IndexConfigs = new Dictionary<string, IndexInfo>
            {
                ["docker.io"] = new() { Name = "docker.io", Secure = true, Official = true },
            },
        };
        foreach (var entry in options.InsecureRegistries)
        {
            if (IPNetwork.TryParse(entry, out var network))
            {
                config.InsecureRegistryCIDRs.Add(network.ToString());
            }
            else
            {
                config.IndexConfigs[entry] = new IndexInfo { Name = entry, Secure = false };
            }
        }

        return config;
    }
}
