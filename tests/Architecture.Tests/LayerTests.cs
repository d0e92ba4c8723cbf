using System.Reflection;
using NetArchTest.Rules;

namespace Connections.Architecture.Tests;

/// <summary>
/// The dependency rule of the clean architecture, checked on the compiled assemblies: Domain depends on nothing,
/// Application on Domain only, Infrastructure never on WebApi, and controllers only talk to the mediator.
/// </summary>
public sealed class LayerTests
{
    private static readonly Assembly Domain = typeof(Connections.Domain.Common.Ids).Assembly;
    private static readonly Assembly Application = typeof(Connections.Application.DependencyInjection).Assembly;
    private static readonly Assembly Infrastructure = typeof(Connections.Infrastructure.DependencyInjection).Assembly;
    private static readonly Assembly WebApi = typeof(Program).Assembly;

    [Test]
    public void Domain_WhenItsAssemblyReferencesAreRead_ShouldReferenceOnlyTheRuntime()
    {
        var references = Domain.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        references.ShouldNotBeEmpty();
        references.Where(name => !IsRuntime(name)).ShouldBeEmpty("the Domain must reference no package and no other layer");
    }

    [Test]
    public void Domain_WhenItsTypesAreChecked_ShouldDependOnNoOtherLayerOrFramework()
    {
        var result = Types.InAssembly(Domain).ShouldNot().HaveDependencyOnAny(
                "Connections.Application", "Connections.Infrastructure", "Connections.WebApi",
                "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "MediatR", "FluentValidation",
                "System.Net.Http", "System.Text.Json")
            .GetResult();

        Failing(result).ShouldBeEmpty();
    }

    [Test]
    public void Application_WhenItsTypesAreChecked_ShouldNotDependOnInfrastructureOrWebApi()
    {
        var result = Types.InAssembly(Application).ShouldNot().HaveDependencyOnAny(
                "Connections.Infrastructure", "Connections.WebApi", "Microsoft.AspNetCore",
                "Microsoft.EntityFrameworkCore.Sqlite", "Microsoft.EntityFrameworkCore.SqlServer", "Npgsql")
            .GetResult();

        Failing(result).ShouldBeEmpty();
    }

    [Test]
    public void Application_WhenItsAssemblyReferencesAreRead_ShouldNotReferenceOuterLayers()
    {
        var references = Application.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        references.ShouldContain("Connections.Domain");
        references.ShouldNotContain("Connections.Infrastructure");
        references.ShouldNotContain("Connections.WebApi");
    }

    [Test]
    public void Infrastructure_WhenItsTypesAreChecked_ShouldNotDependOnWebApi()
    {
        var result = Types.InAssembly(Infrastructure).ShouldNot().HaveDependencyOn("Connections.WebApi").GetResult();

        Failing(result).ShouldBeEmpty();
    }

    [Test]
    public void Controllers_WhenTheirTypesAreChecked_ShouldNotDependOnEntityFrameworkOrInfrastructure()
    {
        var controllers = Types.InAssembly(WebApi).That().ResideInNamespace("Connections.WebApi.Controllers");
        controllers.GetTypes().ShouldNotBeEmpty();

        var result = controllers.ShouldNot().HaveDependencyOnAny(
                "Microsoft.EntityFrameworkCore", "Connections.Infrastructure")
            .GetResult();

        Failing(result).ShouldBeEmpty();
    }

    [Test]
    public void Rules_WhenAForbiddenDependencyExists_ShouldReportIt()
    {
        // The rules above would pass vacuously if the checker saw no dependencies at all: prove it sees a real one.
        var result = Types.InAssembly(Infrastructure).ShouldNot().HaveDependencyOn("Microsoft.EntityFrameworkCore").GetResult();

        Failing(result).ShouldNotBeEmpty();
    }

    private static bool IsRuntime(string name) =>
        name is "System" or "netstandard" or "mscorlib" || name.StartsWith("System.", StringComparison.Ordinal);

    private static IReadOnlyList<string> Failing(TestResult result) =>
        result.IsSuccessful ? [] : result.FailingTypeNames?.ToList() ?? ["(unnamed types)"];
}
