using FluentValidation.Results;

namespace Connections.Application.UnitTests.Connections;

internal static class ValidationAssertions
{
    /// <summary>The failures grouped by property path, as the validation behavior reports them.</summary>
    public static Dictionary<string, string[]> ByField(this ValidationResult result) =>
        result.Errors
            .GroupBy(e => e.PropertyName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray(), StringComparer.Ordinal);
}
