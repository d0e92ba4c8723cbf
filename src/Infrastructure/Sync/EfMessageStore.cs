using System.Data.Common;
using System.Globalization;
using System.Text;
using Connections.Application.Common.Interfaces;
using Connections.Domain.Messages;
using Connections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Connections.Infrastructure.Sync;

/// <summary>
/// Stores a page of messages with one set-based upsert per page — <c>INSERT … ON CONFLICT (connection_id,
/// channel_id, platform_id) DO UPDATE … WHERE changed</c>, the same statement on SQLite and PostgreSQL — so the
/// polling path and the Slack Events path can write the same message concurrently without a read-then-write race,
/// edits update in place, and a page costs one round trip. Its own short-lived context keeps memory flat.
/// Column names and value conversions come from the EF model, so the SQL follows the mapping.
/// </summary>
internal sealed class EfMessageStore(IServiceScopeFactory scopes, TimeProvider clock) : IMessageStore
{
    /// <summary>PostgreSQL takes at most 65,535 parameters a statement; a Slack page with long threads can be large.</summary>
    private const int MaxRowsPerStatement = 1000;

    private static readonly string[] Columns =
    [
        nameof(Message.ConnectionId), nameof(Message.ChannelId), nameof(Message.PlatformId), nameof(Message.AuthorId),
        nameof(Message.AuthorName), nameof(Message.Text), nameof(Message.SearchText), nameof(Message.SentAt),
        nameof(Message.ThreadId), nameof(Message.EditedAt), nameof(Message.StoredAt),
    ];

    public async Task<int> UpsertAsync(string connectionId, string channelId, IReadOnlyList<PlatformMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConnectionsDbContext>();
        var entity = db.Model.FindEntityType(typeof(Message))!;
        var properties = Columns.Select(c => entity.FindProperty(c)!).ToArray();
        var table = entity.GetTableName()!;
        var now = clock.GetUtcNow();

        // A page never holds a message twice, but be sure: ON CONFLICT cannot touch one row twice in a statement.
        var unique = messages.GroupBy(m => m.Id, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        var postgres = db.Database.IsNpgsql();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var changed = 0;

            // PostgreSQL: the whole page in one multi-row statement (one round trip). SQLite (in process, no round
            // trips, but a binder that looks parameters up by name) is fastest with one prepared single-row statement
            // executed per message inside the transaction.
            var perStatement = postgres ? Math.Min(unique.Count, MaxRowsPerStatement) : 1;
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

                        command = connection.CreateCommand();
                        command.Transaction = transaction;
                        command.CommandText = BuildSql(table, properties, rows, postgres);
                        for (var row = 0; row < rows; row++)
                        {
                            for (var column = 0; column < properties.Length; column++)
                            {
                                AddParameter(command, $"@p{row}_{column}", properties[column], Values(unique[offset + row], connectionId, channelId, now)[column]);
                            }
                        }

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

    private static object?[] Values(PlatformMessage m, string connectionId, string channelId, DateTimeOffset now)
    {
        var text = m.Text ?? string.Empty;
        return [connectionId, channelId, m.Id, Truncate(m.AuthorId, 64), Truncate(m.AuthorName, 256), text, text.ToLowerInvariant(), m.SentAt, Truncate(m.ThreadId, 64), m.EditedAt, now];
    }

    /// <summary>Fits a platform's value into its column (see MessageConfiguration) instead of failing the whole page.</summary>
    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];

    private static string BuildSql(string table, IProperty[] properties, int rows, bool postgres)
    {
        var names = properties.Select(p => p.GetColumnName()).ToArray();
        var sql = new StringBuilder("INSERT INTO ").Append(table).Append(" (").AppendJoin(", ", names).Append(") VALUES ");
        for (var row = 0; row < rows; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < names.Length; column++)
            {
                sql.Append(column == 0 ? string.Empty : ", ").Append(CultureInfo.InvariantCulture, $"@p{row}_{column}");
            }

            sql.Append(')');
        }

        // An edit changes the text or the edit time; anything else is the same message seen again (no write).
        var distinct = postgres ? "IS DISTINCT FROM" : "IS NOT";
        return sql.Append(CultureInfo.InvariantCulture, $"""
             ON CONFLICT ({names[0]}, {names[1]}, {names[2]}) DO UPDATE SET
             {names[3]} = COALESCE(excluded.{names[3]}, {table}.{names[3]}),
             {names[4]} = COALESCE(excluded.{names[4]}, {table}.{names[4]}),
             {names[5]} = excluded.{names[5]}, {names[6]} = excluded.{names[6]},
             {names[9]} = COALESCE(excluded.{names[9]}, {table}.{names[9]})
             WHERE {table}.{names[5]} {distinct} excluded.{names[5]} OR {table}.{names[9]} {distinct} COALESCE(excluded.{names[9]}, {table}.{names[9]})
            """).ToString();
    }

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
