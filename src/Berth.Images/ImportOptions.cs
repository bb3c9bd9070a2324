namespace Berth.Images;

/// <summary>What <c>docker import</c> takes besides the tar.</summary>
/// <param name="Changes">Dockerfile instructions for the config (see <see cref="DockerfileChanges"/>).</param>
/// <param name="Message">The commit message; Docker's default is "Imported from -" (the source, here the request body).</param>
public sealed record ImportOptions(IReadOnlyList<string> Changes, string? Message, string Os = "linux", string Architecture = "amd64");
