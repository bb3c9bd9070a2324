using System.Text.Json;
using Berth.Api.Contracts.Images;
using Berth.Api.Contracts.Json;
using Berth.Cli.Config;
using Berth.Cli.References;

namespace Berth.Cli.Commands.Image;

/// <summary>The X-Registry-Auth header: the stored credentials of the image's registry as base64url JSON ("e30=" for none).</summary>
internal static class RegistryAuth
{
    public const string DockerHubServer = "https://index.docker.io/v1/";

    public static string ServerFor(ImageReference reference) => reference.Domain == ImageReference.DefaultDomain ? DockerHubServer : reference.Domain;

    public static string Encode(DockerConfigFile config, ImageReference reference)
    {
        var server = ServerFor(reference);
        var auth = config.Credentials(server) is var (user, password)
            ? new AuthConfig { Username = user, Password = password, ServerAddress = server }
            : new AuthConfig();
        return Encode(auth);
    }

    public static string Encode(AuthConfig auth)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(auth, BerthJsonContext.Default.AuthConfig);
        return Convert.ToBase64String(json).Replace('+', '-').Replace('/', '_');
    }
}
