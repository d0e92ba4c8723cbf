namespace Connections.Domain.Common;

/// <summary>Something that happened in the domain; dispatched only after the transaction that raised it commits.</summary>
public interface IDomainEvent
{
    DateTimeOffset OccurredAt { get; }
}
