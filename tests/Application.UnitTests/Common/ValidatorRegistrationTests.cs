using Connections.Application.Connections.Common;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Connections.Application.UnitTests.Common;

/// <summary>
/// The validation behavior resolves <c>IValidator&lt;TRequest&gt;</c>: every request validator of the Application
/// assembly must come out of the container for its request, once, transient; nested validators stay out of it.
/// </summary>
[TestFixture]
public class ValidatorRegistrationTests
{
    private static readonly Type[] RequestValidators = typeof(DependencyInjection).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsInterface: false } && RequestOf(t) is not null)
        .ToArray();

    private static Type? RequestOf(Type validator) => validator.GetInterfaces()
        .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))
        .Select(i => i.GenericTypeArguments[0])
        .FirstOrDefault(typeof(IBaseRequest).IsAssignableFrom);

    [Test]
    public void AddApplication_ShouldFindTheRequestValidators()
    {
        RequestValidators.Length.ShouldBeGreaterThanOrEqualTo(11, "the scan above must see the validators it checks");
    }

    [TestCaseSource(nameof(RequestValidators))]
    public void AddApplication_ForEveryRequestValidator_ShouldResolveItForItsRequestOnceAndTransient(Type validator)
    {
        var services = new ServiceCollection().AddApplication();
        var service = typeof(IValidator<>).MakeGenericType(RequestOf(validator)!);
        using var provider = services.BuildServiceProvider();

        var resolved = provider.GetServices(service).ToList();

        resolved.Select(v => v!.GetType()).ShouldBe([validator]);
        services.Single(d => d.ServiceType == service).Lifetime.ShouldBe(ServiceLifetime.Transient);
        provider.GetServices(service).Single().ShouldNotBeSameAs(resolved[0], "a new validator per resolution");
    }

    [Test]
    public void AddApplication_ShouldNotRegisterNestedValidators()
    {
        var services = new ServiceCollection().AddApplication();

        services.ShouldNotContain(d => d.ServiceType == typeof(IValidator<CredentialsInput>) || d.ServiceType == typeof(IValidator<SettingsInput>));
    }
}
