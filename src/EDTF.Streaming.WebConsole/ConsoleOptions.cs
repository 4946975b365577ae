namespace EDTF.Streaming.WebConsole;

/// <summary>The <c>Console</c> configuration section: where <c>edtf console</c> listens and who may use it (docs/configuration.md).</summary>
public sealed class ConsoleOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Console";

    /// <summary>HTTP(S) port; 0 takes any free port (tests).</summary>
    public int Port { get; set; } = 8080;

    /// <summary>Interface to listen on: an IP address, <c>localhost</c> or <c>*</c> (every interface).</summary>
    public string Host { get; set; } = "*";

    /// <summary>The port and high-risk areas drawn on the map (GeoJSON); null = the shipped <c>config/ports.geojson</c>.</summary>
    public string? PortsPath { get; set; }

    /// <summary>The watch-list file whose entries the console shows, with the watch-list topic's changes applied (default: config/watchlist.csv).</summary>
    public string? WatchlistPath { get; set; }

    /// <summary>A PFX or PEM certificate file: when set, the console serves HTTPS only.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PFX password, or the PEM private key file when <see cref="CertificatePath"/> is a PEM certificate.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Sign-in: <c>oidc</c> by default; <c>none</c> for local development only.</summary>
    public ConsoleAuthOptions Auth { get; set; } = new();
}

/// <summary>The <c>Console:Auth</c> section: OpenID Connect for pages, JWT bearer tokens for <c>/api</c>, and the role names.</summary>
public sealed class ConsoleAuthOptions
{
    /// <summary><c>oidc</c> (sign-in required) or <c>none</c> (anyone who reaches the port sees everything; a banner says so).</summary>
    public string Mode { get; set; } = "oidc";

    /// <summary>The OpenID Connect authority (issuer URL), e.g. <c>https://login.example.org/realms/ops</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>The console's client id at the authority.</summary>
    public string? ClientId { get; set; }

    /// <summary>The console's client secret (authorization code flow).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The audience bearer tokens for <c>/api</c> must carry; default the client id.</summary>
    public string? Audience { get; set; }

    /// <summary>The claim that carries roles in tokens and ID tokens.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The role that may view alerts.</summary>
    public string ViewerRole { get; set; } = "viewer";

    /// <summary>The role that may download evidence (GeoJSON); it may view too.</summary>
    public string EvidenceRole { get; set; } = "evidence";

    /// <summary>Whether the authority's metadata must come over HTTPS (turn off only for a development authority).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// A base64 symmetric key: tokens signed with it by <see cref="Authority"/> are accepted without reading the authority's
    /// metadata (a test issuer, or an authority reached only through a shared key). Leave empty in production.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>Whether sign-in is off.</summary>
    public bool IsNone => Mode.Equals("none", StringComparison.OrdinalIgnoreCase);
}
