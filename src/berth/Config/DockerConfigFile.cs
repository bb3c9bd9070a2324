using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Berth.Cli.Config;

/// <summary>
/// ~/.docker/config.json, read the way the docker CLI reads it: detach keys, default ps/images
/// formats and registry credentials. Unknown fields are kept when the file is written back.
/// </summary>
internal sealed class DockerConfigFile
{
    private readonly JsonObject _root;

    private DockerConfigFile(string path, JsonObject root)
    {
        Path = path;
        _root = root;
    }

    public string Path { get; }

    public string DetachKeys => Text("detachKeys");

    public string PsFormat => Text("psFormat");

    public string ImagesFormat => Text("imagesFormat");

    public static DockerConfigFile Load(string directory)
    {
        var path = System.IO.Path.Combine(directory, "config.json");
        try
        {
            if (File.Exists(path) && JsonNode.Parse(File.ReadAllText(path)) is JsonObject root)
            {
                return new DockerConfigFile(path, root);
            }
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"loading config file: {path}: {e.Message}", e);
        }

        return new DockerConfigFile(path, []);
    }

    /// <summary>The "user:password" pair stored for <paramref name="server"/>, if any.</summary>
    public (string User, string Password)? Credentials(string server)
    {
        if (_root["auths"] is JsonObject auths && auths[server] is JsonObject entry && entry["auth"] is JsonValue auth &&
            auth.TryGetValue<string>(out var encoded) && encoded.Length > 0)
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                return (decoded[..colon], decoded[(colon + 1)..]);
            }
        }

        return null;
    }

    public void SaveCredentials(string server, string user, string password)
    {
        if (_root["auths"] is not JsonObject auths)
        {
            _root["auths"] = auths = [];
        }

        auths[server] = new JsonObject { ["auth"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)) };
        Save();
    }

    /// <summary>Removes the credentials of <paramref name="server"/>; false if there were none.</summary>
    public bool RemoveCredentials(string server)
    {
        if (_root["auths"] is JsonObject auths && auths.Remove(server))
        {
            Save();
            return true;
        }

        return false;
    }

    private string Text(string key) => _root[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";

    private void Save()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temporary = Path + ".tmp";
        using (var stream = File.Create(temporary))
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, IndentCharacter = '\t', IndentSize = 1 }))
        {
            _root.WriteTo(writer);
        }

        File.Move(temporary, Path, overwrite: true);
    }
}
