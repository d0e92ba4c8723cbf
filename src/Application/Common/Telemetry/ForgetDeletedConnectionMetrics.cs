using Connections.Application.Common.Models;
using Connections.Domain.Connections.Events;
using MediatR;

namespace Connections.Application.Common.Telemetry;

/// <summary>A deleted connection stops reporting a sync lag (which would otherwise grow until the process restarts).</summary>
public sealed class ForgetDeletedConnectionMetrics(ConnectionsMetrics metrics) : INotificationHandler<DomainEventNotification<ConnectionDeleted>>
{
    public Task Handle(DomainEventNotification<ConnectionDeleted> notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        metrics.ForgetConnection(notification.Event.ConnectionId);
        return Task.CompletedTask;
    }
}
