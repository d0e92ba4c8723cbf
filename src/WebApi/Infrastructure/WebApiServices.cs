using System.Text.Json;
using System.Text.Json.Serialization;
using Connections.Application.Common.Interfaces;
using Connections.Infrastructure.Persistence;
using Connections.WebApi.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Connections.WebApi.Infrastructure;

/// <summary>The web layer's services: JSON, problem details, authentication, health, OpenAPI.</summary>
public static class WebApiServices
{
    public static IServiceCollection AddWebApi(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddOptions<PublicUrlOptions>().BindConfiguration(PublicUrlOptions.SectionName)
            .Validate(PublicUrlOptions.IsValid, "Http:PublicBaseUrl must be an absolute http(s) URL without query, fragment or user info.")
            .ValidateOnStart();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();

        services.AddControllers(o => o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true)
            .AddJsonOptions(o => ConfigureJson(o.JsonSerializerOptions))
            .ConfigureApiBehaviorOptions(o => o.InvalidModelStateResponseFactory = ModelStateProblems.Create);
        services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o => ConfigureJson(o.SerializerOptions));

        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Extensions.TryAdd("code", ProblemCodes.ForStatus(problem.Status ?? context.HttpContext.Response.StatusCode));
            ProblemMapping.Enrich(problem, context.HttpContext);
        });
        services.AddExceptionHandler<ExceptionProblemHandler>();
        services.AddApiRateLimits();

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Caller, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.OwnerOrApplication, p => p.RequireRole("owner", "application"));

        services.AddHealthChecks().AddDbContextCheck<ConnectionsDbContext>("database", HealthStatus.Unhealthy, ["ready"]);
        services.AddOpenApi(options => OpenApiSetup.Configure(options));   // a lambda, not a method group: the XML-comment generator intercepts only that form
        return services;
    }

    /// <summary>
    /// snake_case both ways, enums as lower-case strings; unknown and duplicate properties rejected, and numbers only as
    /// JSON numbers (the web defaults would read <c>"60"</c> as 60, and let the last of two <c>platform</c>s win).
    /// </summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.Converters.Add(new UtcTimestampConverter());
        options.MaxDepth = 16;
    }
}
