using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using EDTF.Streaming.Cli.Broker;
using EDTF.Streaming.Kafka;

namespace EDTF.Streaming.Cli.Tests.Broker;

/// <summary>The HTTP control endpoint of <c>edtf broker --control-port</c> against a real embedded broker.</summary>
public sealed class BrokerControlEndpointTests : IAsyncLifetime
{
    private readonly EmbeddedBroker _broker = EmbeddedBroker.Start(new EmbeddedBrokerOptions { Port = 0, Brokers = 2, Topics = ["t"] });
    private readonly HttpClient _http = new();
    private BrokerControl _control = null!;

    public async Task InitializeAsync() => _control = await BrokerControl.StartAsync(_broker.Faults, 0);

    public async Task DisposeAsync()
    {
        await _control.DisposeAsync();
        _http.Dispose();
        _broker.Dispose();
    }

    [Fact]
    public async Task Post_FaultsOfEveryKind_AppliedToTheBrokerAndReportedAsState()
    {
        await Send(HttpMethod.Post, "/faults/brokers/2/down");
        await Send(HttpMethod.Post, "/faults/requests", """{"api":"produce","count":4,"error":"NotEnoughReplicas"}""");
        var state = await Send(HttpMethod.Post, "/faults/rtt", """{"broker":1,"delayMs":250}""");

        JsonNode.Parse(state)!.ToJsonString().Should().Be(
            """{"brokersDown":[2],"roundTripDelayMs":{"1":250},"requestErrors":[{"api":"Produce","count":4,"error":"NotEnoughReplicas"}]}""");
        _broker.Faults.State.BrokersDown.Should().Equal([2], "the endpoint drives the broker's own fault API");
    }

    [Fact]
    public async Task Delete_Faults_ClearsEverything()
    {
        await Send(HttpMethod.Post, "/faults/brokers/all/down");
        await Send(HttpMethod.Post, "/faults/requests", """{"api":"Fetch","error":"19"}""");

        var state = await Send(HttpMethod.Delete, "/faults");

        state.Should().Be("""{"brokersDown":[],"roundTripDelayMs":{},"requestErrors":[]}""");
    }

    [Theory]
    [InlineData("/faults/brokers/3/down", "")]
    [InlineData("/faults/brokers/x/up", "")]
    [InlineData("/faults/requests", """{"api":"Nope","error":"NotEnoughReplicas"}""")]
    [InlineData("/faults/requests", """{"api":"Produce","error":"NoError"}""")]
    [InlineData("/faults/requests", """{"api":"Produce"}""")]
    [InlineData("/faults/rtt", """{"delayMs":-5}""")]
    [InlineData("/faults/rtt", "not json")]
    public async Task Post_InvalidFault_BadRequestWithTheReason(string path, string body)
    {
        using var response = await _http.PostAsync(_control.Address + path, new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().NotBeNullOrWhiteSpace("the reason is said");
        _broker.Faults.State.Should().BeEquivalentTo(new EmbeddedBrokerFaultState([], new Dictionary<int, int>(), []), "nothing was applied");
    }

    [Fact]
    public void Error_ProtocolNumber_SameAsName()
    {
        FaultRequests.Error("19").Should().Be(ErrorCode.NotEnoughReplicas);
    }

    private async Task<string> Send(HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, _control.Address + path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(text);
        return text;
    }
}
