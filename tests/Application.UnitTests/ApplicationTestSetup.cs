using Microsoft.Extensions.DependencyInjection;

namespace Connections.Application.UnitTests;

/// <summary>
/// Registers the application layer once, as the host does: this sets FluentValidation's global property-name resolver
/// to snake_case, so validators built afterwards report the JSON paths clients send (<c>credentials.bot_token</c>).
/// </summary>
[SetUpFixture]
public sealed class ApplicationTestSetup
{
    [OneTimeSetUp]
    public void RegisterApplication() => new ServiceCollection().AddApplication();
}
