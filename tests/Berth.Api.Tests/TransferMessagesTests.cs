using System.Text;
using Berth.Api.Contracts.Images;
using Berth.Api.Contracts.Json;
using Berth.Api.Http;
using Berth.Api.Mapping;
using Berth.Registry;

namespace Berth.Api.Tests;

/// <summary>Pull and push progress as moby's streamformatter writes it, and X-Registry-Auth as clients send it.</summary>
public sealed class TransferMessagesTests
{
    [Fact]
    public void A_message_has_no_detail_a_layer_status_an_empty_one_and_moving_bytes_a_bar()
    {
        var message = TransferMessages.From(TransferEvent.Message("Pulling from library/busybox", "latest"));
        Assert.Equal("""{"status":"Pulling from library/busybox","id":"latest"}""", Json(message));

        var waiting = TransferMessages.From(TransferEvent.Layer("0123456789ab", "Waiting"));
        Assert.Equal("""{"status":"Waiting","progressDetail":{},"id":"0123456789ab"}""", Json(waiting));

        var moving = TransferMessages.From(TransferEvent.Moving("0123456789ab", "Downloading", 1_000_000, 4_000_000));
        Assert.Equal(
            """{"status":"Downloading","progressDetail":{"current":1000000,"total":4000000},"progress":"[============\u003E                                      ]      1MB/4MB","id":"0123456789ab"}""",
            Json(moving));
    }

    [Theory]
    [InlineData(0, 0, "")]
    [InlineData(1234, 0, " 1.234kB")]
    [InlineData(2_140_000, 2_140_000, "[==================================================>]   2.14MB/2.14MB")]
    [InlineData(5000, 4000, "[==================================================>]      5kB")]
    public void The_bar_is_jsonprogress_string_at_width_200(long current, long total, string expected) =>
        Assert.Equal(expected, TransferMessages.Bar(current, total));

    [Fact]
    public void X_registry_auth_is_base64url_json_padded_or_not_and_garbage_is_anonymous()
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        var json = """{"username":"u","password":"p?>","serveraddress":"r:5000"}""";
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        context.Request.Headers["X-Registry-Auth"] = encoded;
        Assert.Equal(new RegistryCredentials("u", "p?>"), RegistryAuthHeader.Read(context.Request));

        context.Request.Headers["X-Registry-Auth"] = "e30=";
        Assert.False(RegistryAuthHeader.Read(context.Request).HasPassword);
        context.Request.Headers["X-Registry-Auth"] = "%%%";
        Assert.Equal(RegistryCredentials.Anonymous, RegistryAuthHeader.Read(context.Request));

        var fromAuthField = RegistryAuthHeader.FromConfig(new AuthConfig { Auth = Convert.ToBase64String("x:y:z"u8) });
        Assert.Equal(("x", "y:z"), (fromAuthField.Username, fromAuthField.Password));
    }

    private static string Json(Berth.Api.Contracts.Streams.JsonMessage message) =>
        System.Text.Json.JsonSerializer.Serialize(message, BerthJsonContext.Default.JsonMessage);
}
