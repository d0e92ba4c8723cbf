namespace Connections.Domain.Messages;

/// <summary>
/// Which version of a message this is, by the platform's own ordering (ADR 0017): first its edit time (Slack
/// <c>edited.ts</c>, Discord <c>edited_timestamp</c>; a message never edited is older than any edit of it), then, between
/// two versions of the same edit time that both came as events, the event time (Slack <c>event_ts</c>). A read of the
/// history (a poll) carries no event time: the read is the current version, so it replaces only an older edit.
/// </summary>
/// <param name="EditedAt">When the platform says this version was made by an edit; null for the original text.</param>
/// <param name="EventAt">When the platform emitted the event that carried this version; null for a read of the history.</param>
public readonly record struct MessageVersion(DateTimeOffset? EditedAt, DateTimeOffset? EventAt)
{
    /// <summary>
    /// True only when this version is strictly newer than <paramref name="stored"/>: a later edit time, or the same
    /// edit time (or none on both) and a later event time on both. Equal or unordered versions (a retry, a poll that
    /// read the same edit) are not newer: the stored one stays and nothing is written. The message store's SQL applies
    /// exactly this rule (UpsertMessagesSql; a test runs both over the same table of versions).
    /// </summary>
    public bool IsNewerThan(MessageVersion stored)
    {
        if (EditedAt != stored.EditedAt)
        {
            return EditedAt is { } edited && (stored.EditedAt is not { } storedEdited || edited > storedEdited);
        }

        return EventAt is { } at && stored.EventAt is { } storedAt && at > storedAt;
    }
}
