using Connections.Domain.Common;

namespace Connections.Domain.ApiKeys;

/// <summary>
/// A caller's API key. Only a hash of the secret is kept; the plain key is shown once, when it is created.
/// The key carries a principal (email) and a role.
/// </summary>
public sealed class ApiKey : Entity<string>
{
    public const string IdPrefix = "key_";

    private ApiKey()
    {
    }

    public string Email { get; private set; } = null!;

    public CallerRole Role { get; private set; }

    /// <summary>Hash of the secret part of the key (hex).</summary>
    public string SecretHash { get; private set; } = null!;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsActive => RevokedAt is null;

    public static ApiKey Create(string email, CallerRole role, string secretHash, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        ArgumentException.ThrowIfNullOrWhiteSpace(secretHash);
        if (!Enum.IsDefined(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role.");
        }

        return new ApiKey
        {
            Id = Ids.New(IdPrefix, now),
            Email = email.Trim().ToLowerInvariant(),
            Role = role,
            SecretHash = secretHash,
            CreatedAt = now,
        };
    }

    public Result Revoke(DateTimeOffset now)
    {
        if (RevokedAt is not null)
        {
            return Error.Conflict("API_KEY_ALREADY_REVOKED", $"API key '{Id}' is already revoked.");
        }

        RevokedAt = now;
        return Result.Success();
    }
}
