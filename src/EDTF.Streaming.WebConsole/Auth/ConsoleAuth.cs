using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace EDTF.Streaming.WebConsole.Auth;

/// <summary>
/// Sign-in for the console: pages by cookie after OpenID Connect sign-in, <c>/api</c> by the same cookie or a JWT bearer
/// token; the policies <see cref="View"/> (viewer or evidence role) and <see cref="Evidence"/> (evidence role).
/// With <c>Console:Auth:Mode=none</c> nothing is required.
/// </summary>
internal static class ConsoleAuth
{
    /// <summary>May read alerts.</summary>
    public const string View = "view";

    /// <summary>May download evidence.</summary>
    public const string Evidence = "evidence";

    private const string Select = "console";
    private const string SelectChallenge = "console-challenge";

    /// <summary>Registers authentication and the two policies, after checking the options.</summary>
    /// <exception cref="InvalidOperationException">An unknown mode, or <c>oidc</c> without an authority or client id.</exception>
    public static void AddConsoleAuth(this IServiceCollection services, ConsoleAuthOptions options)
    {
        if (options.IsNone)
        {
            services.AddAuthorization();
            return;
        }

        if (!options.Mode.Equals("oidc", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Console:Auth:Mode must be 'oidc' or 'none', got '{options.Mode}'.");
        }

        if (string.IsNullOrWhiteSpace(options.Authority) || string.IsNullOrWhiteSpace(options.ClientId))
        {
            throw new InvalidOperationException(
                "Console:Auth:Authority and Console:Auth:ClientId are required for sign-in (or --auth none for local development).");
        }

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Select;
                o.DefaultChallengeScheme = SelectChallenge;
            })
            .AddPolicyScheme(Select, "cookie or bearer token", o => o.ForwardDefaultSelector = ctx =>
                HasBearer(ctx) ? JwtBearerDefaults.AuthenticationScheme : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddPolicyScheme(SelectChallenge, "sign-in for pages, 401 for the API", o => o.ForwardDefaultSelector = ctx =>
                HasBearer(ctx) || IsApi(ctx) ? JwtBearerDefaults.AuthenticationScheme : OpenIdConnectDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = "edtf.console";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Events.OnRedirectToAccessDenied = ctx =>
                {
                    ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            })
            .AddJwtBearer(o => ConfigureBearer(o, options))
            .AddOpenIdConnect(o => ConfigureOidc(o, options));
        services.AddAuthorization(o =>
        {
            o.AddPolicy(View, p => p.RequireAuthenticatedUser().RequireRole(options.ViewerRole, options.EvidenceRole));
            o.AddPolicy(Evidence, p => p.RequireAuthenticatedUser().RequireRole(options.EvidenceRole));
        });
    }

    /// <summary>Requires <paramref name="policy"/> unless sign-in is off.</summary>
    public static TBuilder Require<TBuilder>(this TBuilder builder, ConsoleAuthOptions options, string policy)
        where TBuilder : IEndpointConventionBuilder =>
        options.IsNone ? builder : builder.RequireAuthorization(policy);

    /// <summary>Whether the user of this request may download evidence (always, with sign-in off).</summary>
    public static bool MayDownload(HttpContext context, ConsoleAuthOptions options) =>
        options.IsNone || context.User.IsInRole(options.EvidenceRole);

    private static void ConfigureBearer(JwtBearerOptions o, ConsoleAuthOptions options)
    {
        o.MapInboundClaims = false;
        o.TokenValidationParameters = Validation(options);
        o.TokenValidationParameters.ValidAudience = options.Audience ?? options.ClientId;
        if (TestKey(options) is { } key)
        {
            o.TokenValidationParameters.IssuerSigningKey = key;
        }
        else
        {
            o.Authority = options.Authority;
            o.RequireHttpsMetadata = options.RequireHttpsMetadata;
        }
    }

    private static void ConfigureOidc(OpenIdConnectOptions o, ConsoleAuthOptions options)
    {
        o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        o.ClientId = options.ClientId;
        o.ClientSecret = options.ClientSecret;
        o.ResponseType = OpenIdConnectResponseType.Code;
        o.MapInboundClaims = false;
        o.GetClaimsFromUserInfoEndpoint = true;
        o.ClaimActions.MapJsonKey(options.RoleClaim, options.RoleClaim);
        o.TokenValidationParameters = Validation(options);
        o.TokenValidationParameters.ValidAudience = options.ClientId;
        o.RequireHttpsMetadata = options.RequireHttpsMetadata;
        if (TestKey(options) is { } key)
        {
            // A shared-key issuer publishes no metadata: its endpoints are <authority>/authorize and <authority>/token.
            var authority = options.Authority!.TrimEnd('/');
            o.Configuration = new OpenIdConnectConfiguration
            {
                Issuer = options.Authority,
                AuthorizationEndpoint = authority + "/authorize",
                TokenEndpoint = authority + "/token",
            };
            o.Configuration.SigningKeys.Add(key);
            o.TokenValidationParameters.IssuerSigningKey = key;
        }
        else
        {
            o.Authority = options.Authority;
        }
    }

    private static TokenValidationParameters Validation(ConsoleAuthOptions options) => new()
    {
        ValidIssuer = options.Authority,
        NameClaimType = "name",
        RoleClaimType = options.RoleClaim,
    };

    private static SymmetricSecurityKey? TestKey(ConsoleAuthOptions options) =>
        string.IsNullOrWhiteSpace(options.SigningKey) ? null : new SymmetricSecurityKey(Convert.FromBase64String(options.SigningKey));

    private static bool HasBearer(HttpContext ctx) =>
        ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    private static bool IsApi(HttpContext ctx) => ctx.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal);
}
