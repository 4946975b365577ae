using Microsoft.Playwright;

namespace EDTF.Streaming.Cli.Tests.WebConsole;

/// <summary>Debian's Chromium (<c>/usr/bin/chromium</c>, or <c>$EDTF_CHROMIUM</c>) driven by Playwright, headless; screenshots kept under the test output folder.</summary>
internal static class Browser
{
    /// <summary>The Chromium executable, or null when it is not installed.</summary>
    public static string? Executable =>
        new[] { Environment.GetEnvironmentVariable("EDTF_CHROMIUM"), "/usr/bin/chromium" }.FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));

    /// <summary>Where the screenshots go: <c>artifacts/console</c> in the test output folder.</summary>
    public static string ArtifactsDirectory { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts", "console")).FullName;

    /// <summary>Starts Playwright's driver and a headless Chromium (no browser download: the installed one is used).</summary>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable ?? throw new InvalidOperationException("Chromium is not installed"),
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu"],
        });
        return (playwright, browser);
    }

    /// <summary>Saves a screenshot of <paramref name="page"/> as <c>name.png</c> among the artifacts; returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ArtifactsDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        return path;
    }
}

/// <summary>A fact that is skipped, saying how to install it, where Chromium is absent; it runs (and may fail) everywhere else.</summary>
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Browser.Executable is null)
        {
            Skip = "Chromium is not installed (Debian: apt-get install chromium; or set EDTF_CHROMIUM to its path): the browser tests need it";
        }
    }
}
