using Connections.Domain.Common;

namespace Connections.Domain.Connections.Events;

/// <summary>A connection was created with credentials the platform accepted.</summary>
public sealed record ConnectionCreated(string ConnectionId, Platform Platform, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>A connection's credentials were checked and accepted.</summary>
public sealed record ConnectionValidated(string ConnectionId, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>A connection's credentials were rejected by the platform; the connection is now in error.</summary>
public sealed record ConnectionFailed(string ConnectionId, ConnectionErrorCode Code, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>A connection was deleted together with its credentials and channels.</summary>
public sealed record ConnectionDeleted(string ConnectionId, DateTimeOffset OccurredAt) : IDomainEvent;
