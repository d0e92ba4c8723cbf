using System.Reflection;
using System.Text.Json;
using Connections.Application.Common.Behaviors;
using Connections.Application.Connections.Common;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connections.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Registers MediatR 5 (which has no DI package of its own) with every request handler of this assembly, every
    /// request validator (FluentValidation's assembly scan, transient as before), and the pipeline: logging outermost,
    /// then authorization (role), then validation, then the handler.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        ConfigureValidatorNames();
        var assembly = typeof(DependencyInjection).Assembly;

        services.AddScoped<ServiceFactory>(sp => sp.GetRequiredService);
        services.AddScoped<IMediator, Mediator>();
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        RegisterClosedImplementations(services, assembly, typeof(IRequestHandler<,>));
        RegisterClosedImplementations(services, assembly, typeof(INotificationHandler<>));
        // Only validators of requests: the behavior resolves IValidator<TRequest>; nested validators (credentials,
        // settings) are composed with SetValidator and some take constructor arguments the container cannot supply.
        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Transient,
            filter: scan => typeof(IBaseRequest).IsAssignableFrom(scan.InterfaceType.GenericTypeArguments[0]));

        services.AddSingleton<Common.Models.PageCursors>();
        services.AddScoped<PlatformProber>();
        services.AddScoped<CredentialsVault>();
        services.AddScoped<ConnectionChecker>();
        services.AddScoped<Syncs.SyncEngine>();
        services.AddScoped<Syncs.SyncRunTelemetry>();
        services.TryAddSingleton<Common.Telemetry.ConnectionsMetrics>();   // needs IMeterFactory: every host registers one (AddMetrics)
        services.AddScoped<ApiKeys.Common.ApiKeyAuthenticator>();
        services.AddScoped<SlackWorkspaces.Common.SlackTokenChecker>();
        return services;
    }

    /// <summary>
    /// Validation errors are keyed by the JSON path the client sent (<c>credentials.bot_token</c>), so member names
    /// are reported in snake_case, the wire format.
    /// </summary>
    private static void ConfigureValidatorNames() =>
        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) =>
            member is null ? null : JsonNamingPolicy.SnakeCaseLower.ConvertName(member.Name);

    private static void RegisterClosedImplementations(IServiceCollection services, Assembly assembly, Type openInterface)
    {
        var implementations = assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false });
        foreach (var type in implementations)
        {
            foreach (var service in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == openInterface))
            {
                services.AddTransient(service, type);
            }
        }
    }
}
