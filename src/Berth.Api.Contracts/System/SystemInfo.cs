namespace Berth.Api.Contracts.System;

/// <summary>GET /info (swagger SystemInfo); typed clients need the types right.</summary>
public sealed class SystemInfo
{
    public string ID { get; set; } = "";

    public int Containers { get; set; }

    public int ContainersRunning { get; set; }

    public int ContainersPaused { get; set; }

    public int ContainersStopped { get; set; }

    public int Images { get; set; }

    public string Driver { get; set; } = "overlay2";

    public List<List<string>> DriverStatus { get; set; } = [];

    public string DockerRootDir { get; set; } = "";

    public PluginsInfo Plugins { get; set; } = new();

    public bool MemoryLimit { get; set; }

    public bool SwapLimit { get; set; }

    public bool KernelMemoryTCP { get; set; }

    public bool CpuCfsPeriod { get; set; }

    public bool CpuCfsQuota { get; set; }

    public bool CPUShares { get; set; }

    public bool CPUSet { get; set; }

    public bool PidsLimit { get; set; }

    public bool OomKillDisable { get; set; }

    public bool IPv4Forwarding { get; set; }

    public bool BridgeNfIptables { get; set; }

    public bool BridgeNfIp6tables { get; set; }

    public bool Debug { get; set; }

    public int NFd { get; set; }

    public int NGoroutines { get; set; }

    public string SystemTime { get; set; } = "";

    public string LoggingDriver { get; set; } = "json-file";

    public string CgroupDriver { get; set; } = "cgroupfs";

    public string CgroupVersion { get; set; } = "";

    public int NEventsListener { get; set; }

    public string KernelVersion { get; set; } = "";

    public string OperatingSystem { get; set; } = "";

    public string OSVersion { get; set; } = "";

    public string OSType { get; set; } = "linux";

    public string Architecture { get; set; } = "";

    public int NCPU { get; set; }

    public long MemTotal { get; set; }

    public string IndexServerAddress { get; set; } = "https://index.docker.io/v1/";

    public RegistryServiceConfig RegistryConfig { get; set; } = new();

    public List<object>? GenericResources { get; set; }

    public string HttpProxy { get; set; } = "";

    public string HttpsProxy { get; set; } = "";

    public string NoProxy { get; set; } = "";

    public string Name { get; set; } = "";

    public List<string> Labels { get; set; } = [];

    public bool ExperimentalBuild { get; set; }

    public string ServerVersion { get; set; } = "";

    public Dictionary<string, RuntimeInfo> Runtimes { get; set; } = [];

    public string DefaultRuntime { get; set; } = "";

    public SwarmInfo Swarm { get; set; } = new();

    public bool LiveRestoreEnabled { get; set; }

    public string Isolation { get; set; } = "";

    public string InitBinary { get; set; } = "";

    public CommitInfo ContainerdCommit { get; set; } = new();

    public CommitInfo RuncCommit { get; set; } = new();

    public CommitInfo InitCommit { get; set; } = new();

    public List<string> SecurityOptions { get; set; } = [];

    public List<AddressPool> DefaultAddressPools { get; set; } = [];

    public List<string> Warnings { get; set; } = [];
}

public sealed class PluginsInfo
{
    public List<string> Volume { get; set; } = [];

    public List<string> Network { get; set; } = [];

    public List<string>? Authorization { get; set; }

    public List<string> Log { get; set; } = [];
}

public sealed class RegistryServiceConfig
{
    public List<string> InsecureRegistryCIDRs { get; set; } = [];

    public Dictionary<string, IndexInfo> IndexConfigs { get; set; } = [];

    public List<string> Mirrors { get; set; } = [];
}

public sealed class IndexInfo
{
    public string Name { get; set; } = "";

    public List<string> Mirrors { get; set; } = [];

    public bool Secure { get; set; }

    public bool Official { get; set; }
}

public sealed class RuntimeInfo
{
    public string Path { get; set; } = "";

    public List<string>? RuntimeArgs { get; set; }
}

public sealed class SwarmInfo
{
    public string NodeID { get; set; } = "";

    public string NodeAddr { get; set; } = "";

    public string LocalNodeState { get; set; } = "inactive";

    public bool ControlAvailable { get; set; }

    public string Error { get; set; } = "";

    public List<object>? RemoteManagers { get; set; }
}

public sealed class CommitInfo
{
    public string ID { get; set; } = "";

    public string Expected { get; set; } = "";
}

public sealed class AddressPool
{
    public string Base { get; set; } = "";

    public int Size { get; set; }
}
