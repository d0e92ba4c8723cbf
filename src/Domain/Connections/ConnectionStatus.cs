namespace Connections.Domain.Connections;

/// <summary>Wire names: <c>connected</c>, <c>disconnected</c>, <c>error</c>.</summary>
public enum ConnectionStatus
{
    Connected = 1,
    Disconnected = 2,
    Error = 3,
}
