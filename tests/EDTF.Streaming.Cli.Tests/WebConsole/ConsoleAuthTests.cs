using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using EDTF.Streaming.Kafka;
using EDTF.Streaming.Tests;
using EDTF.Streaming.WebConsole;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EDTF.Streaming.Cli.Tests.WebConsole;

/// <summary>Sign-in: a test issuer (a symmetric key) signs tokens; /api wants a valid bearer token with a role, pages send the browser to sign in.</summary>
public sealed class ConsoleAuthTests : IAsyncLifetime
{
    private const string Authority = "https://login.test.invalid/realms/ops";
    private const string ClientId = "edtf-console";
    private const string AlertId = "dark-def05ac253413a23";
    private const string Alert = """{"alertId":"dark-def05ac253413a23","type":"DarkPeriod","status":"closed","vessel":{"mmsi":341424669,"imo":7303803,"name":"AN SAN 1","callsign":"V43639","shipType":80,"flag":"KN"},"counterpart":null,"watchlist":[{"mmsi":341424669,"list":"US-DPRK-ADVISORY-2019","matchedOn":"imo","entry":"AN SAN 1 (IMO 7303803)"}],"start":"2026-03-01T02:29:56Z","end":"2026-03-01T05:30:46Z","position":{"lat":41.199848,"lon":133.800032},"port":null,"confidence":"low","evidence":{"gapHours":3.014,"endPosition":{"lat":41.219003,"lon":134.354258}},"detectedAt":"2026-03-01T05:30:46Z","source":null}""";

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly EmbeddedBroker _broker = EmbeddedBroker.Start(new EmbeddedBrokerOptions { Port = 0, Topics = ["auth.alerts"] });
    private ConsoleUnderTest? _console;

    private HttpClient Http => _console!.Http;

    public async Task InitializeAsync()
    {
        await Kcat.RunAsync(["-b", _broker.BootstrapServers, "-P", "-t", "auth.alerts", "-K", "\t"], AlertId + "\t" + Alert + "\n");
        _console = await ConsoleUnderTest.StartAsync(_broker.BootstrapServers, "auth.alerts", new ConsoleAuthOptions
        {
            Mode = "oidc",
            Authority = Authority,
            ClientId = ClientId,
            ClientSecret = "test-secret",
            SigningKey = Convert.ToBase64String(_key),
        });
        var (_, seen) = await Eventually.PollAsync(
            async () => (await Send("/api/alerts/" + AlertId, Token("evidence"))).StatusCode, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(20));
        seen.Should().BeTrue("the console reads the alert that was published");
    }

    public async Task DisposeAsync()
    {
        if (_console is not null)
        {
            await _console.DisposeAsync();
        }

        _broker.Dispose();
    }

    [Fact]
    public async Task Api_NoToken_Answers401()
    {
        (await Http.GetAsync("/api/alerts")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Http.GetAsync("/api/events")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Page_NoSession_RedirectsToTheAuthoritysSignIn()
    {
        var response = await Http.GetAsync("/alerts/" + AlertId);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().StartWith(Authority + "/authorize?").And.Contain("client_id=" + ClientId);
    }

    [Fact]
    public async Task Api_ViewerToken_ReadsAlertsButMayNotDownloadEvidence()
    {
        var token = Token("viewer");

        var list = await Send("/api/alerts", token);
        var download = await Send($"/api/alerts/{AlertId}/geojson", token);

        list.StatusCode.Should().Be(HttpStatusCode.OK);
        (await list.Content.ReadAsStringAsync()).Should().Contain(AlertId);
        download.StatusCode.Should().Be(HttpStatusCode.Forbidden, "downloading evidence needs the evidence role");
    }

    [Theory]
    [InlineData("viewer", false)]
    [InlineData("evidence", true)]
    public async Task ApiAlertById_Role_TellsThePageWhetherToOfferTheDownload(string role, bool mayDownload)
    {
        var response = await Send("/api/alerts/" + AlertId, Token(role));

        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        body["mayDownload"]!.GetValue<bool>().Should().Be(mayDownload);
    }

    [Fact]
    public async Task Api_EvidenceToken_DownloadsGeoJson()
    {
        var download = await Send($"/api/alerts/{AlertId}/geojson", Token("evidence"));

        download.StatusCode.Should().Be(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.Should().Be("application/geo+json");
        (await download.Content.ReadAsStringAsync()).Should().Contain("\"FeatureCollection\"").And.Contain("\"gap\"");
    }

    [Fact]
    public async Task Api_TokenWithoutRole_Answers403()
    {
        (await Send("/api/alerts", Token())).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Api_TokenSignedWithAnotherKey_Answers401()
    {
        (await Send("/api/alerts", Token(RandomNumberGenerator.GetBytes(32), "viewer"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Api_TokenForAnotherAudience_Answers401()
    {
        (await Send("/api/alerts", Token(_key, ["viewer"], audience: "someone-else"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private string Token(params string[] roles) => Token(_key, roles);

    private static string Token(byte[] key, string[] roles, string audience = ClientId) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Authority,
        Audience = audience,
        Expires = DateTime.UtcNow.AddMinutes(10),
        Claims = new Dictionary<string, object> { ["sub"] = "analyst-1", ["name"] = "Analyst One", ["roles"] = roles },
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
    });

    private static string Token(byte[] key, string role) => Token(key, [role]);

    private async Task<HttpResponseMessage> Send(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Http.SendAsync(request);
    }
}
