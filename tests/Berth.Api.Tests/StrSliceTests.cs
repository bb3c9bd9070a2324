using System.Text.Json;
using Berth.Api.Contracts.Containers;
using Berth.Api.Contracts.Json;

namespace Berth.Api.Tests;

/// <summary>Cmd and Entrypoint as Docker's StrSlice: a string or an array on the way in, an array on the way out.</summary>
public sealed class StrSliceTests
{
    [Fact]
    public void A_string_or_an_array_is_read_and_an_array_written()
    {
        var request = JsonSerializer.Deserialize(
            """{"Image":"busybox","Cmd":"echo hi","Entrypoint":["sh",null,"-c"]}""", BerthJsonContext.Default.ContainerCreateRequest)!;

        Assert.Equal(["echo hi"], request.Cmd!);
        Assert.Equal(["sh", "", "-c"], request.Entrypoint!);
        var written = JsonSerializer.SerializeToElement(request, BerthJsonContext.Default.ContainerCreateRequest);
        Assert.Equal("""["echo hi"]""", written.GetProperty("Cmd").GetRawText());
    }

    [Fact]
    public void Null_stays_null_and_a_number_is_refused()
    {
        var request = JsonSerializer.Deserialize("""{"Image":"busybox","Cmd":null}""", BerthJsonContext.Default.ContainerCreateRequest)!;

        Assert.Null(request.Cmd);
        Assert.Equal(JsonValueKind.Null, JsonSerializer.SerializeToElement(request, BerthJsonContext.Default.ContainerCreateRequest).GetProperty("Cmd").ValueKind);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"Cmd":5}""", BerthJsonContext.Default.ContainerCreateRequest));
    }
}
