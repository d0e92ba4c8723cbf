namespace Connections.Domain.Syncs;

/// <summary>Wire names: <c>queued</c>, <c>running</c>, <c>succeeded</c>, <c>failed</c>, <c>partial</c>.</summary>
public enum SyncRunStatus
{
    Queued = 1,
    Running = 2,
    Succeeded = 3,
    Failed = 4,
    Partial = 5,
}
