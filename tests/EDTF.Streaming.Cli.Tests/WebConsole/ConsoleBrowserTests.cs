using System.Text.Json;
using Microsoft.Playwright;

namespace EDTF.Streaming.Cli.Tests.WebConsole;

/// <summary>The console in headless Chromium, on the alerts the service gave for the demo scenario.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleBrowserTests(ConsoleScenario scenario) : IAsyncLifetime
{
    private static readonly float Timeout = 20_000;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IPage? _page;

    private IPage Page => _page!;

    public async Task InitializeAsync()
    {
        if (Browser.Executable is null)
        {
            return; // every test here is skipped
        }

        (_playwright, _browser) = await Browser.LaunchAsync();
        _page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 800 } });
        _page.SetDefaultTimeout(Timeout);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    [ChromiumFact]
    public async Task IndexPage_AlertsOnTopic_ListsEachAlertOnceWithItsId()
    {
        var expected = (await scenario.TopicBodiesAsync()).Select(b => b.GetProperty("alertId").GetString()).Distinct().ToList();

        var requested = new List<string>();
        Page.Request += (_, request) => requested.Add(request.Url);
        await Page.GotoAsync(scenario.Console.Address + "/");
        await WaitForListAsync(expected.Count);

        requested.Should().NotBeEmpty().And.OnlyContain(url => url.StartsWith(scenario.Console.Address + "/", StringComparison.Ordinal),
            "the console loads nothing from the internet (no tiles, no CDN)");
        var listed = await Page.Locator("#alerts [data-alert-id]").EvaluateAllAsync<string[]>("items => items.map(i => i.getAttribute('data-alert-id'))");
        listed.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(expected, "the list shows exactly the alerts on the topic");
        (await Page.Locator(".banner").TextContentAsync()).Should().Contain("--auth none", "sign-in is off, and the page says so");
        (await Page.Locator("#map path.leaflet-interactive").CountAsync()).Should().BeGreaterThan(0, "alerts are drawn on the map");
        await Browser.ScreenshotAsync(Page, "index");
    }

    [ChromiumFact]
    public async Task IndexPage_NewUpdateOnTopic_AppearsWithoutReload()
    {
        var bodies = await scenario.TopicBodiesAsync();
        var count = bodies.Select(b => b.GetProperty("alertId").GetString()).Distinct().Count();
        await Page.GotoAsync(scenario.Console.Address + "/");
        await WaitForListAsync(count);
        await Page.EvaluateAsync("() => { window.notReloaded = true; }");
        var newId = "dark-" + Guid.NewGuid().ToString("N")[..16];

        var latest = bodies.Max(b => b.GetProperty("detectedAt").GetDateTimeOffset());
        await scenario.PublishCopyAsync(bodies.First(b => b.GetProperty("type").GetString() == "DarkPeriod"), newId, latest.AddHours(1));

        await Page.Locator($"#alerts [data-alert-id='{newId}']").WaitForAsync();
        (await Page.EvaluateAsync<bool>("() => window.notReloaded === true")).Should().BeTrue("the update arrived over the event stream, not by a reload");
        (await Page.Locator("#alerts [data-alert-id]").First.GetAttributeAsync("data-alert-id")).Should().Be(newId, "the newest update is listed first");
        await Browser.ScreenshotAsync(Page, "index-live-update");
    }

    [ChromiumFact]
    public async Task IndexPage_FilterByType_HidesOtherTypes()
    {
        var bodies = await scenario.TopicBodiesAsync();
        var transfers = bodies.Where(b => b.GetProperty("type").GetString() == "ShipToShipTransfer")
            .Select(b => b.GetProperty("alertId").GetString()).Distinct().ToList();
        transfers.Should().NotBeEmpty("the demo scenario has transfers");
        bodies.Should().Contain(b => b.GetProperty("type").GetString() != "ShipToShipTransfer", "there are other types to hide");
        await Page.GotoAsync(scenario.Console.Address + "/");
        await WaitForListAsync(bodies.Select(b => b.GetProperty("alertId").GetString()).Distinct().Count());

        await Page.SelectOptionAsync("select[name=type]", "ShipToShipTransfer");
        await WaitForListAsync(transfers.Count);

        var types = await Page.Locator("#alerts [data-alert-id]").EvaluateAllAsync<string[]>("items => items.map(i => i.getAttribute('data-type'))");
        types.Should().OnlyContain(t => t == "ShipToShipTransfer");
        Page.Url.Should().Contain("type=ShipToShipTransfer", "the filter is kept in the address");
        await Browser.ScreenshotAsync(Page, "index-transfers");
    }

    [ChromiumFact]
    public async Task AlertPage_Transfer_DrawsItOnTheMapWithTablesAndDownload()
    {
        var transfer = (await scenario.TopicBodiesAsync()).Last(b => b.GetProperty("type").GetString() == "ShipToShipTransfer");
        var alertId = transfer.GetProperty("alertId").GetString()!;

        await Page.GotoAsync(scenario.Console.Address + "/alerts/" + alertId);
        await Page.Locator("body[data-loaded=true]").WaitForAsync();

        transfer.GetProperty("tracks").GetArrayLength().Should().Be(2, "a transfer carries both vessels' tracks");
        (await Page.Locator("#map svg path.leaflet-interactive").CountAsync()).Should().BeGreaterThanOrEqualTo(3, "the position and both tracks are drawn (SVG paths)");
        (await Page.Locator("#vessel").TextContentAsync()).Should().Contain(transfer.GetProperty("vessel").GetProperty("mmsi").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
        (await Page.Locator("#evidence").TextContentAsync()).Should().Contain("minDistanceM");
        (await Page.Locator("#history tbody tr").CountAsync()).Should().BeGreaterThan(0);
        (await Page.Locator("#geojson-download").GetAttributeAsync("href")).Should().Be($"/api/alerts/{alertId}/geojson");
        await Browser.ScreenshotAsync(Page, "alert-transfer");
    }

    private async Task WaitForListAsync(int count) =>
        await Page.WaitForFunctionAsync(
            "n => document.querySelectorAll('#alerts [data-alert-id]').length === n", count, new PageWaitForFunctionOptions { Timeout = Timeout });
}
