namespace Berth.Registry;

/// <summary>
/// What a client sent to authenticate with a registry (the X-Registry-Auth header, or the body of POST /auth):
/// a user and password, an identity (refresh) token from an earlier login, or a ready bearer token.
/// </summary>
public sealed record RegistryCredentials(string? Username, string? Password, string? IdentityToken = null, string? RegistryToken = null)
{
    public static RegistryCredentials Anonymous { get; } = new(null, null);

    public bool HasPassword => !string.IsNullOrEmpty(Username) && !string.IsNullOrEmpty(Password);
}
