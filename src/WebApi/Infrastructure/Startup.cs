using System.Reflection;

namespace Connections.WebApi.Infrastructure;

internal static class Startup
{
    /// <summary>True when the build's OpenAPI generator (GetDocument.Insider) is running Program to read the API description.</summary>
    public static bool IsBuildTimeDocumentGeneration() =>
        Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider";
}
