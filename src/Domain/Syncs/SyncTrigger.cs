namespace Connections.Domain.Syncs;

/// <summary>What started a run. Wire names: <c>manual</c>, <c>scheduled</c>.</summary>
public enum SyncTrigger
{
    Manual = 1,
    Scheduled = 2,
}
