using Connections.Domain.Common;
using FluentValidation;
using MediatR;

namespace Connections.Application.Common.Behaviors;

/// <summary>
/// Runs every FluentValidation validator of the request before its handler and short-circuits with a
/// <see cref="ValidationError"/> keyed by the JSON paths the client sent. Requests whose response is not a
/// <see cref="Result"/> cannot carry field errors, so for them a failure is a bug and throws.
/// </summary>
public sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TRequest>(request), cancellationToken);
            failures.AddRange(result.Errors);
        }

        if (failures.Count == 0)
        {
            return await next();
        }

        var error = new ValidationError(failures
            .GroupBy(f => f.PropertyName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal));
        if (!ResultFailures.IsResultType(typeof(TResponse)))
        {
            throw new InvalidOperationException($"{typeof(TRequest).Name} failed validation but cannot return a Result.");
        }

        return ResultFailures.Create<TResponse>(error);
    }
}
