using Connections.Application.Common.Interfaces;
using Connections.Domain.ApiKeys;
using Connections.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Connections.Application.ApiKeys;

/// <summary>An API key as listed: never the secret, never its hash.</summary>
public sealed record ApiKeyDto(string Id, string Email, CallerRole Role, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>A new key: <see cref="Key"/> is the only time the plain key exists outside the caller's hands.</summary>
public sealed record CreatedApiKeyDto(ApiKeyDto ApiKey, string Key);

/// <summary>The presented form of a key is <c>&lt;key id&gt;.&lt;secret&gt;</c>; the id finds the row, the secret is checked against its hash.</summary>
public static class ApiKeyFormat
{
    public static string Compose(string id, string secret) => $"{id}.{secret}";

    public static bool TrySplit(string presented, out string id, out string secret)
    {
        var dot = presented.IndexOf('.', StringComparison.Ordinal);
        id = dot > 0 ? presented[..dot] : string.Empty;
        secret = dot > 0 ? presented[(dot + 1)..] : string.Empty;
        return Ids.IsValid(id, ApiKey.IdPrefix) && secret.Length is >= 32 and <= 128;
    }
}

public sealed record CreateApiKeyCommand(string Email, CallerRole Role) : IRequest<Result<CreatedApiKeyDto>>;

public sealed class CreateApiKeyCommandValidator : AbstractValidator<CreateApiKeyCommand>
{
    public CreateApiKeyCommandValidator()
    {
        RuleFor(c => c.Email).NotEmpty().MaximumLength(254).EmailAddress();
        RuleFor(c => c.Role).IsInEnum();
    }
}

public sealed class CreateApiKeyCommandHandler(IApplicationDbContext db, IApiKeySecrets secrets, TimeProvider clock)
    : IRequestHandler<CreateApiKeyCommand, Result<CreatedApiKeyDto>>
{
    public async Task<Result<CreatedApiKeyDto>> Handle(CreateApiKeyCommand request, CancellationToken cancellationToken)
    {
        var secret = secrets.NewSecret();
        var key = ApiKey.Create(request.Email, request.Role, secrets.Hash(secret), clock.GetUtcNow());
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKeyDto(key.ToDto(), ApiKeyFormat.Compose(key.Id, secret));
    }
}

public sealed record ListApiKeysQuery : IRequest<Result<IReadOnlyList<ApiKeyDto>>>;

public sealed class ListApiKeysQueryHandler(IApplicationDbContext db) : IRequestHandler<ListApiKeysQuery, Result<IReadOnlyList<ApiKeyDto>>>
{
    public async Task<Result<IReadOnlyList<ApiKeyDto>>> Handle(ListApiKeysQuery request, CancellationToken cancellationToken) =>
        await db.ApiKeys.AsNoTracking()
            .OrderBy(k => k.Id)
            .Select(k => new ApiKeyDto(k.Id, k.Email, k.Role, k.CreatedAt, k.RevokedAt))
            .ToListAsync(cancellationToken);
}

public sealed record RevokeApiKeyCommand(string Id) : IRequest<Result>;

public sealed class RevokeApiKeyCommandHandler(IApplicationDbContext db, TimeProvider clock) : IRequestHandler<RevokeApiKeyCommand, Result>
{
    public async Task<Result> Handle(RevokeApiKeyCommand request, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == request.Id, cancellationToken);
        if (key is null)
        {
            return Error.NotFound("API_KEY_NOT_FOUND", $"API key '{request.Id}' was not found.");
        }

        var revoked = key.Revoke(clock.GetUtcNow());
        if (revoked.IsSuccess)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return revoked;
    }
}

/// <summary>Finds the active key a presented bearer token belongs to (authentication, not a use case, so not a MediatR message).</summary>
public sealed class ApiKeyAuthenticator(IApplicationDbContext db, IApiKeySecrets secrets)
{
    public async Task<ApiKeyDto?> AuthenticateAsync(string presented, CancellationToken cancellationToken)
    {
        if (!ApiKeyFormat.TrySplit(presented, out var id, out var secret))
        {
            return null;
        }

        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id && k.RevokedAt == null, cancellationToken);
        return key is not null && secrets.Verify(secret, key.SecretHash) ? key.ToDto() : null;
    }
}

internal static class ApiKeyMappings
{
    public static ApiKeyDto ToDto(this ApiKey k) => new(k.Id, k.Email, k.Role, k.CreatedAt, k.RevokedAt);
}
