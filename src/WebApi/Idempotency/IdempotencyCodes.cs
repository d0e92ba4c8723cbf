namespace Connections.WebApi.Idempotency;

/// <summary>The stable codes of the idempotency problems.</summary>
public static class IdempotencyCodes
{
    public const string InvalidKey = "INVALID_IDEMPOTENCY_KEY";

    public const string KeyReused = "IDEMPOTENCY_KEY_REUSED";

    public const string RequestInProgress = "IDEMPOTENCY_REQUEST_IN_PROGRESS";
}
