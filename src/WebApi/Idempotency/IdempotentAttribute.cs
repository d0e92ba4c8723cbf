using Connections.Application.Common.Interfaces;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Connections.WebApi.Idempotency;

/// <summary>
/// Opts a POST into <c>Idempotency-Key</c> handling (<see cref="IdempotencyFilter"/>): a retry with the same key and
/// body replays the first response instead of executing again. The OpenAPI document then lists the header, the
/// 400/409/422 problems and the <c>Idempotent-Replayed</c> response header.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class IdempotentAttribute : Attribute, IFilterFactory
{
    public bool IsReusable => true;

    public IFilterMetadata CreateInstance(IServiceProvider serviceProvider) =>
        new IdempotencyFilter(
            serviceProvider.GetRequiredService<IIdempotencyStore>(),
            serviceProvider.GetRequiredService<ILogger<IdempotencyFilter>>());
}
