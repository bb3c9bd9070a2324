using System.Net.Http.Headers;
using Berth.Registry.Auth;

namespace Berth.Registry.Tests;

public sealed class AuthChallengeTests
{
    [Fact]
    public void A_bearer_challenge_gives_realm_service_and_scope()
    {
        var challenge = AuthChallenge.Parse(new AuthenticationHeaderValue(
            "Bearer", "realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:samalba/my-app:pull,push\""));
        Assert.True(challenge.IsBearer);
        Assert.Equal("https://auth.docker.io/token", challenge.Realm);
        Assert.Equal("registry.docker.io", challenge.Service);
        Assert.Equal("repository:samalba/my-app:pull,push", challenge.Scope);
    }

    [Fact]
    public void Quoted_values_keep_commas_and_escaped_quotes_and_tokens_need_no_quotes()
    {
        var parameters = AuthChallenge.ParseParameters("realm=\"a,b \\\"c\\\"\", error=insufficient_scope ,Service=x");
        Assert.Equal("a,b \"c\"", parameters["realm"]);
        Assert.Equal("insufficient_scope", parameters["error"]);
        Assert.Equal("x", parameters["service"]);
    }

    [Fact]
    public void Bearer_is_preferred_over_basic_and_a_bearer_without_realm_does_not_count()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("Basic", "realm=\"x\""));
        response.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("Bearer", "realm=\"http://t/token\""));
        Assert.True(AuthChallenge.From(response)!.IsBearer);

        using var basicOnly = new HttpResponseMessage(System.Net.HttpStatusCode.Unauthorized);
        basicOnly.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("Bearer", "service=\"x\""));
        basicOnly.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("Basic", "realm=\"x\""));
        Assert.True(AuthChallenge.From(basicOnly)!.IsBasic);

        using var none = new HttpResponseMessage(System.Net.HttpStatusCode.Unauthorized);
        Assert.Null(AuthChallenge.From(none));
    }
}
