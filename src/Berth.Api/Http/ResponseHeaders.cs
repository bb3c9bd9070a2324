using Microsoft.AspNetCore.Http;

namespace Berth.Api.Http;

/// <summary>The headers moby's middleware puts on every response; the docker CLI negotiates from them.</summary>
public static class ResponseHeaders
{
    public const string ServerVersion = "28.2.2-berth";

    public static void Apply(IHeaderDictionary headers)
    {
        headers["Api-Version"] = ApiVersion.Current.ToString();
        headers["Ostype"] = "linux";
        headers["Docker-Experimental"] = "false";
        headers.Server = $"Docker/{ServerVersion} (linux)";
    }
}
