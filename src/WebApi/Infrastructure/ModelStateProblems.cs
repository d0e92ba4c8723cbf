using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Connections.WebApi.Infrastructure;

/// <summary>
/// Rewrites the framework's model-binding errors into our problem shape: keys are the JSON paths the client sent
/// (<c>credentials.bot_token</c>, not <c>$.credentials.bot_token</c>), messages say what is wrong without naming .NET
/// types, and the <c>code</c> tells malformed JSON and unknown properties apart from ordinary validation.
/// </summary>
public static partial class ModelStateProblems
{
    public static IActionResult Create(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var code = ProblemCodes.ValidationFailed;
        foreach (var (key, entry) in context.ModelState)
        {
            if (entry.ValidationState != ModelValidationState.Invalid)
            {
                continue;
            }

            foreach (var error in entry.Errors)
            {
                var (field, message, errorCode) = Describe(key, error.ErrorMessage);
                if (errorCode != ProblemCodes.ValidationFailed && code == ProblemCodes.ValidationFailed)
                {
                    code = errorCode;
                }

                errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
            }
        }

        var problem = new ValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are invalid.",
            Detail = code switch
            {
                ProblemCodes.MalformedJson => "The body is not valid JSON of the expected shape.",
                ProblemCodes.UnknownProperty => "The body has properties this operation does not accept.",
                _ => "One or more fields are invalid.",
            },
            Extensions = { ["code"] = code },
        };
        ProblemMapping.Enrich(problem, context.HttpContext);
        return new BadRequestObjectResult(problem) { ContentTypes = { "application/problem+json" } };
    }

    private static (string Field, string Message, string Code) Describe(string key, string message)
    {
        var unmapped = UnmappedProperty().Match(message);
        if (unmapped.Success)
        {
            var path = JsonPath(PathOf(message) ?? key);
            return (path, $"Unknown property '{unmapped.Groups["name"].Value}'.", ProblemCodes.UnknownProperty);
        }

        if (message.Contains("JSON", StringComparison.Ordinal) || key.StartsWith('$'))
        {
            var path = JsonPath(PathOf(message) ?? key);
            return (path.Length == 0 ? "body" : path, "Invalid JSON or a value of the wrong type here.", ProblemCodes.MalformedJson);
        }

        if (key.Length == 0 || (message.Contains("field is required", StringComparison.Ordinal) && !key.Contains('.', StringComparison.Ordinal)))
        {
            // An empty body bound to a [FromBody] parameter.
            return ("body", "A JSON body is required.", ProblemCodes.MalformedJson);
        }

        return (Snake(key), "The value is not valid here.", ProblemCodes.ValidationFailed);
    }

    private static string? PathOf(string message)
    {
        var match = ErrorPath().Match(message);
        return match.Success ? match.Groups["path"].Value : null;
    }

    private static string JsonPath(string key) => key.StartsWith("$.", StringComparison.Ordinal) ? key[2..] : key.TrimStart('$');

    private static string Snake(string key) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(key);

    [GeneratedRegex("The JSON property '(?<name>[^']*)' could not be mapped")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex(@"Path: (?<path>\$[^ |]*)")]
    private static partial Regex ErrorPath();
}
