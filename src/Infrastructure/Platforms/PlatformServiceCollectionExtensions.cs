using Connections.Application.Common.Interfaces;
using Connections.Domain.Connections;
using Connections.Infrastructure.Platforms.Discord;
using Connections.Infrastructure.Platforms.Resilience;
using Connections.Infrastructure.Platforms.Slack;
using Connections.Infrastructure.Platforms.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connections.Infrastructure.Platforms;

public static class PlatformServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Slack and Discord connectors (<see cref="IPlatformConnector"/>) and message sources
    /// (<see cref="IMessageSource"/>), their typed clients, each behind its platform's resilience handler
    /// (<see cref="PlatformResilience.AddPlatformResilienceHandler"/>), and the options bound from <c>Platforms</c>
    /// (<c>Platforms:Slack:BaseUrl</c>, <c>Platforms:Slack:HistoryPageSize</c>, <c>Platforms:Discord:BaseUrl</c>,
    /// <c>Platforms:Discord:HistoryPageSize</c>, <c>Platforms:Resilience:*</c>), validated at
    /// start-up. <paramref name="configure"/> runs after binding, for tests and demos that point at a fake.
    /// </summary>
    public static IServiceCollection AddPlatformConnectors(
        this IServiceCollection services, IConfiguration configuration, Action<PlatformsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var optionsBuilder = services.AddOptions<PlatformsOptions>()
            .Bind(configuration.GetSection(PlatformsOptions.SectionName));
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        optionsBuilder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PlatformsOptions>, PlatformsOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddPlatformTelemetry();

        services.AddHttpClient<SlackClient>((sp, client) =>
            {
                client.BaseAddress = sp.GetRequiredService<IOptions<PlatformsOptions>>().Value.Slack.BaseUrl;
                // The pipeline's total timeout governs; HttpClient's own would cut across it with a vaguer error.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddHttpMessageHandler(sp => PlatformTelemetry.CallMetrics(sp, Platform.Slack))
            .AddPlatformResilienceHandler(Platform.Slack)
            .AddHttpMessageHandler(sp => PlatformTelemetry.RateLimitMetrics(sp, Platform.Slack));

        services.AddHttpClient<DiscordClient>((sp, client) =>
            {
                client.BaseAddress = sp.GetRequiredService<IOptions<PlatformsOptions>>().Value.Discord.BaseUrl;
                client.Timeout = Timeout.InfiniteTimeSpan;
                // Discord asks bots to identify themselves this way.
                client.DefaultRequestHeaders.UserAgent.ParseAdd("DiscordBot (https://github.com/connections, 1.0)");
            })
            .AddHttpMessageHandler(sp => PlatformTelemetry.CallMetrics(sp, Platform.Discord))
            .AddPlatformResilienceHandler(Platform.Discord)
            .AddHttpMessageHandler(sp => PlatformTelemetry.RateLimitMetrics(sp, Platform.Discord));

        services.AddTransient<SlackConnector>();
        services.AddTransient<DiscordConnector>();
        services.AddTransient<IPlatformConnector>(sp => sp.GetRequiredService<SlackConnector>());
        services.AddTransient<IPlatformConnector>(sp => sp.GetRequiredService<DiscordConnector>());
        services.AddTransient<ISlackWorkspaceGateway, SlackWorkspaceGateway>();

        services.AddTransient<SlackMessageSource>();
        services.AddTransient<DiscordMessageSource>();
        services.AddTransient<IMessageSource>(sp => sp.GetRequiredService<SlackMessageSource>());
        services.AddTransient<IMessageSource>(sp => sp.GetRequiredService<DiscordMessageSource>());

        return services;
    }
}
