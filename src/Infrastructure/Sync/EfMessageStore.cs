using System.Data.Common;
using Connections.Application.Common.Interfaces;
using Connections.Domain.Messages;
using Connections.Infrastructure.Persistence;
using Connections.Infrastructure.Sync.Statements;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Connections.Infrastructure.Sync;

/// <summary>
/// Stores a page of messages with set-based upserts (<see cref="UpsertMessagesSql"/>: <c>INSERT … ON CONFLICT … DO
/// UPDATE … WHERE newer</c> on SQLite and PostgreSQL, <c>MERGE … WITH (HOLDLOCK)</c> on SQL Server) — so the
/// polling path and the Slack Events path can write the same message concurrently without a read-then-write race,
/// a newer version updates in place while an older or equal one writes nothing (ADR 0017), and a page costs one
/// round trip on the servers. Its own short-lived context keeps memory flat. Column names and value conversions come
/// from the EF model, so the SQL follows the mapping.
/// </summary>
internal sealed class EfMessageStore(IServiceScopeFactory scopes, TimeProvider clock) : IMessageStore
{
    public async Task<int> UpsertAsync(string connectionId, string channelId, IReadOnlyList<PlatformMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConnectionsDbContext>();
        var entity = db.Model.FindEntityType(typeof(Message))!;
        var properties = Properties(entity);
        var now = clock.GetUtcNow();

        // A page never holds a message twice, but be sure: neither ON CONFLICT nor MERGE may touch one row twice in a statement.
        var unique = messages.GroupBy(m => m.Id, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        var provider = db.Database.Provider();
        var lockTimeout = SqlServerLockTimeout.Of(db);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var changed = 0;

            var perStatement = Math.Min(unique.Count, UpsertMessagesSql.MaxRows(provider));
            DbCommand? command = null;
            try
            {
                for (var offset = 0; offset < unique.Count; offset += perStatement)
                {
                    var rows = Math.Min(perStatement, unique.Count - offset);
                    if (command is null || command.Parameters.Count != rows * properties.Length)
                    {
                        if (command is not null)
                        {
                            await command.DisposeAsync();
                        }

                        command = CreateCommand(connection, provider, entity, unique.Skip(offset).Take(rows).Select(m => Values(m, connectionId, channelId, now)).ToList());
                        command.Transaction = transaction;
                        lockTimeout?.Apply(command);
                        await command.PrepareAsync(cancellationToken);
                    }
                    else
                    {
                        for (var row = 0; row < rows; row++)
                        {
                            var values = Values(unique[offset + row], connectionId, channelId, now);
                            for (var column = 0; column < properties.Length; column++)
                            {
                                SetParameter(command.Parameters[(row * properties.Length) + column], properties[column], values[column]);
                            }
                        }
                    }

                    changed += await command.ExecuteNonQueryAsync(cancellationToken);
                }
            }
            finally
            {
                if (command is not null)
                {
                    await command.DisposeAsync();
                }
            }

            await transaction.CommitAsync(cancellationToken);
            return changed;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The upsert of <paramref name="rows"/> (one <see cref="Values"/> array each) on <paramref name="provider"/>, with
    /// its parameters typed by the EF mapping of <paramref name="messages"/>; not yet bound to a transaction.
    /// </summary>
    internal static DbCommand CreateCommand(DbConnection connection, DatabaseProvider provider, IEntityType messages, IReadOnlyList<object?[]> rows)
    {
        var properties = Properties(messages);
        var command = connection.CreateCommand();
        command.CommandText = UpsertMessagesSql.For(provider, messages.GetTableName()!, properties.Select(p => p.GetColumnName()).ToArray(), rows.Count);
        for (var row = 0; row < rows.Count; row++)
        {
            for (var column = 0; column < properties.Length; column++)
            {
                AddParameter(command, UpsertMessagesSql.Parameter(row, column), properties[column], rows[row][column]);
            }
        }

        return command;
    }

    /// <summary>A message as one row of parameter values, in <see cref="UpsertMessagesSql.Columns"/> order.</summary>
    internal static object?[] Values(PlatformMessage m, string connectionId, string channelId, DateTimeOffset now)
    {
        var text = m.Text ?? string.Empty;
        // Instants in UTC: on SQLite they are stored as numbers that sort (and compare in the upsert) only on one offset.
        return [connectionId, channelId, m.Id, Truncate(m.AuthorId, 64), Truncate(m.AuthorName, 256), text, text.ToLowerInvariant(), m.SentAt, Truncate(m.ThreadId, 64), m.EditedAt?.ToUniversalTime(), now, m.EventAt?.ToUniversalTime()];
    }

    /// <summary>Fits a platform's value into its column (see MessageConfiguration) instead of failing the whole page.</summary>
    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];

    private static IProperty[] Properties(IEntityType messages) =>
        UpsertMessagesSql.Columns.Select(c => messages.FindProperty(c)!).ToArray();

    private static void SetParameter(DbParameter parameter, IProperty property, object? value)
    {
        var converter = property.GetRelationalTypeMapping().Converter;
        parameter.Value = value is null ? DBNull.Value : converter?.ConvertToProvider(value) ?? value;
    }

    private static void AddParameter(DbCommand command, string name, IProperty property, object? value)
    {
        // The mapping applies the property's value converter (e.g. SQLite's sortable instants) itself.
        command.Parameters.Add(property.GetRelationalTypeMapping().CreateParameter(command, name, value, property.IsNullable));
    }
}
