namespace Connections.Domain.Connections;

/// <summary>The chat platforms a connection can point at. Wire names are lower case (<c>slack</c>, <c>discord</c>).</summary>
public enum Platform
{
    Slack = 1,
    Discord = 2,
}
