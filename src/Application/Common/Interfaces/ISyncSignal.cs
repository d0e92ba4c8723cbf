namespace Connections.Application.Common.Interfaces;

/// <summary>Wakes this instance's scheduler so a manually queued run starts now rather than at the next poll.</summary>
public interface ISyncSignal
{
    void Wake();
}
