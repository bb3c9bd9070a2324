using Berth.Network.Links;

namespace Berth.Network.Tests.Links;

public sealed class LinkEnvironmentTests
{
    [Fact]
    public void TheDocumentedExample()
    {
        var env = LinkEnvironment.Build("/x/b", "172.17.0.3", [ExposedPort.Parse("80/tcp")], ["HOME=/root", "PATH=/bin", "PASSWORD=s3cret", "EMPTY="]);

        Assert.Equal(
            [
                "B_PORT=tcp://172.17.0.3:80",
                "B_PORT_80_TCP=tcp://172.17.0.3:80",
                "B_PORT_80_TCP_ADDR=172.17.0.3",
                "B_PORT_80_TCP_PORT=80",
                "B_PORT_80_TCP_PROTO=tcp",
                "B_NAME=/x/b",
                "B_ENV_PASSWORD=s3cret",
                "B_ENV_EMPTY=",
            ],
            env);
    }

    [Fact]
    public void TcpComesFirstAndDashesBecomeUnderscores()
    {
        var env = LinkEnvironment.Build("/web/my-db", "10.0.0.2", [ExposedPort.Parse("53/udp"), ExposedPort.Parse("5432/tcp")], []);

        Assert.Equal("MY_DB_PORT=tcp://10.0.0.2:5432", env[0]);
        Assert.Equal("MY_DB_PORT_5432_TCP=tcp://10.0.0.2:5432", env[1]);
        Assert.Equal("MY_DB_PORT_53_UDP=udp://10.0.0.2:53", env[5]);
        Assert.Equal("MY_DB_NAME=/web/my-db", env[^1]);
    }

    [Fact]
    public void ConsecutivePortsAlsoGetARange()
    {
        var env = LinkEnvironment.Build("/p/a", "10.0.0.2", new[] { "8001/tcp", "8000/tcp", "8002/tcp", "9000/tcp" }.Select(ExposedPort.Parse), []);

        Assert.Equal(
            [
                "A_PORT=tcp://10.0.0.2:8000",
                "A_PORT_8000_TCP=tcp://10.0.0.2:8000", "A_PORT_8000_TCP_ADDR=10.0.0.2", "A_PORT_8000_TCP_PORT=8000", "A_PORT_8000_TCP_PROTO=tcp",
                "A_PORT_8001_TCP=tcp://10.0.0.2:8001", "A_PORT_8001_TCP_ADDR=10.0.0.2", "A_PORT_8001_TCP_PORT=8001", "A_PORT_8001_TCP_PROTO=tcp",
                "A_PORT_8002_TCP=tcp://10.0.0.2:8002", "A_PORT_8002_TCP_ADDR=10.0.0.2", "A_PORT_8002_TCP_PORT=8002", "A_PORT_8002_TCP_PROTO=tcp",
                // As in moby, a run is closed when the next port breaks it, after that port's own variables.
                "A_PORT_9000_TCP=tcp://10.0.0.2:9000", "A_PORT_9000_TCP_ADDR=10.0.0.2", "A_PORT_9000_TCP_PORT=9000", "A_PORT_9000_TCP_PROTO=tcp",
                "A_PORT_8000_TCP_START=tcp://10.0.0.2:8000", "A_PORT_8000_TCP_PORT_START=8000",
                "A_PORT_8000_TCP_END=tcp://10.0.0.2:8002", "A_PORT_8000_TCP_PORT_END=8002",
                "A_NAME=/p/a",
            ],
            env);
    }

    [Fact]
    public void NoPortsGiveOnlyTheNameAndEnv()
    {
        Assert.Equal(["DB_NAME=/app/db", "DB_ENV_K=V"], LinkEnvironment.Build("/app/db", "10.0.0.2", [], ["K=V", "NOEQUALS"]));
    }
}
