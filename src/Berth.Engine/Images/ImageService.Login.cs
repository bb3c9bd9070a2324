using Berth.Registry;

namespace Berth.Engine.Images;

public sealed partial class ImageService
{
    /// <summary>POST /auth: asks the registry whether it takes these credentials (Unauthorized if not).</summary>
    public Task LoginAsync(string? serverAddress, RegistryCredentials credentials, CancellationToken ct) =>
        RequireRegistry().LoginAsync(serverAddress, credentials, ct);
}
