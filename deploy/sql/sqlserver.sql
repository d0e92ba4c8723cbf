IF OBJECT_ID(N'[__ef_migrations_history]') IS NULL
BEGIN
    CREATE TABLE [__ef_migrations_history] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___ef_migrations_history] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201045412_Initial'
)
BEGIN
    CREATE TABLE [api_keys] (
        [id] nvarchar(40) NOT NULL,
        [email] nvarchar(254) NOT NULL,
        [role] nvarchar(16) NOT NULL,
        [secret_hash] nvarchar(128) NOT NULL,
        [created_at] datetimeoffset NOT NULL,
        [revoked_at] datetimeoffset NULL,
        CONSTRAINT [pk_api_keys] PRIMARY KEY ([id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201045412_Initial'
)
BEGIN
    CREATE TABLE [connections] (
        [id] nvarchar(40) NOT NULL,
        [platform] nvarchar(16) NOT NULL,
        [name] nvarchar(100) NOT NULL,
        [name_key] nvarchar(100) NOT NULL,
        [owner_email] nvarchar(254) NOT NULL,
        [protected_credentials] nvarchar(max) NOT NULL,
        [workspace_id] nvarchar(64) NOT NULL,
        [status] nvarchar(16) NOT NULL,
        [sync_all_channels] bit NOT NULL,
        [created_at] datetimeoffset NOT NULL,
        [updated_at] datetimeoffset NOT NULL,
        [last_validated_at] datetimeoffset NULL,
        [last_sync_at] datetimeoffset NULL,
        [next_sync_at] datetimeoffset NULL,
        [last_error_code] nvarchar(32) NULL,
        [last_error_message] nvarchar(1000) NULL,
        [last_error_at] datetimeoffset NULL,
        [channel_count] int NOT NULL,
        [version] uniqueidentifier NOT NULL,
        [graph_enabled] bit NOT NULL,
        [sync_interval_minutes] int NOT NULL,
        [wiki_enabled] bit NOT NULL,
        CONSTRAINT [pk_connections] PRIMARY KEY ([id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201045412_Initial'
)
BEGIN
    CREATE TABLE [data_protection_keys] (
        [id] int NOT NULL IDENTITY,
        [friendly_name] nvarchar(256) NULL,
        [xml] nvarchar(max) NOT NULL,
        CONSTRAINT [pk_data_protection_keys] PRIMARY KEY ([id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201045412_Initial'
)
BEGIN
    CREATE TABLE [slack_workspace_audit] (
        [id] bigint NOT NULL IDENTITY,
        [workspace_id] uniqueidentifier NOT NULL,
        [team_id] nvarchar(32) NOT NULL,
        [action] nvarchar(16) NOT NULL,
        [actor] nvarchar(254) NOT NULL,
        [actor_role] nvarchar(16) NULL,
        [changed_fields] nvarchar(256) NOT NULL,
        [occurred_at] datetimeoffset NOT NULL,
        CONSTRAINT [pk_slack_workspace_audit] PRIMARY KEY ([id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201045412_Initial'
)
BEGIN
    CREATE TABLE [slack_workspaces] (
        [id] uniqueidentifier NOT NULL,
        [team_id] nvarchar(32) NOT NULL,
        [team_name] nvarchar(255) NOT NULL,
        [app_id] nvarchar(32) NULL,
        [app_name] nvarchar(255) NULL,
        [bot_user_id] nvarchar(32) NULL,
        [is_active] bit NOT NULL,
        [created_at] datetimeoffset NOT NULL,
        [updated_at] datetimeoffset NOT NULL,
        [created_by] nvarchar(254) NOT NULL,
        [protected_bot_token] nvarchar(max) NOT NULL,
        [protected_app_token] nvarchar(max) NOT NULL,
        [protected_signing_secret] nvarchar(max) NOT NULL,
        [version] uniqueidentifier NOT NULL,
        CONSTRAINT [pk_slack_workspaces] PRIMARY KEY ([id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201045412_Initial'
)
BEGIN
    CREATE TABLE [sync_leases] (
        [connection_id] nvarchar(40) NOT NULL,
        [owner] nvarchar(100) NOT NULL,
        [expires_at_ms] bigint NOT NULL,
        CONSTRAINT [pk_sync_leases] PRIMARY KEY ([connection_id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201045412_Initial'
)
BEGIN
    CREATE TABLE [connection_channels] (
        [connection_id] nvarchar(40) NOT NULL,
        [channel_id] nvarchar(64) NOT NULL,
        [name] nvarchar(256) NOT NULL,
        [is_private] bit NOT NULL,
        [member_count] int NULL,
        [can_read_history] bit NOT NULL,
        [sync_enabled] bit NOT NULL,
        [discovered_at] datetimeoffset NOT NULL,
        [refreshed_at] datetimeoffset NOT NULL,
        [sync_cursor] nvarchar(64) NULL,
        [last_synced_at] datetimeoffset NULL,
        [sync_error_code] nvarchar(32) NULL,
        [sync_pass_token] nvarchar(2048) NULL,
        CONSTRAINT [pk_connection_channels] PRIMARY KEY ([connection_id], [channel_id]),
        CONSTRAINT [fk_connection_channels_connections_connection_id] FOREIGN KEY ([connection_id]) REFERENCES [connections] ([id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201045412_Initial'
)
BEGIN
    CREATE TABLE [messages] (
        [key] bigint NOT NULL IDENTITY,
        [connection_id] nvarchar(40) NOT NULL,
        [channel_id] nvarchar(64) NOT NULL,
        [platform_id] nvarchar(64) NOT NULL,
        [author_id] nvarchar(64) NULL,
        [author_name] nvarchar(256) NULL,
        [text] nvarchar(max) NOT NULL,
        [search_text] nvarchar(max) NOT NULL,
        [sent_at] datetimeoffset NOT NULL,
        [thread_id] nvarchar(64) NULL,
        [edited_at] datetimeoffset NULL,
        [stored_at] datetimeoffset NOT NULL,
        CONSTRAINT [pk_messages] PRIMARY KEY ([key]),
        CONSTRAINT [fk_messages_connections_connection_id] FOREIGN KEY ([connection_id]) REFERENCES [connections] ([id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201045412_Initial'
)
BEGIN
    CREATE TABLE [sync_runs] (
        [id] nvarchar(40) NOT NULL,
        [connection_id] nvarchar(40) NOT NULL,
        [trigger] nvarchar(16) NOT NULL,
        [status] nvarchar(16) NOT NULL,
        [queued_at] datetimeoffset NOT NULL,
        [started_at] datetimeoffset NULL,
        [finished_at] datetimeoffset NULL,
        [messages_fetched] int NOT NULL,
        [error_code] nvarchar(32) NULL,
        [error_message] nvarchar(1000) NULL,
        CONSTRAINT [pk_sync_runs] PRIMARY KEY ([id]),
        CONSTRAINT [fk_sync_runs_connections_connection_id] FOREIGN KEY ([connection_id]) REFERENCES [connections] ([id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201045412_Initial'
)
BEGIN
    CREATE TABLE [sync_run_channels] (
        [run_id] nvarchar(40) NOT NULL,
        [channel_id] nvarchar(64) NOT NULL,
        [status] nvarchar(16) NOT NULL,
        [messages_fetched] int NOT NULL,
        [error_code] nvarchar(32) NULL,
        [error_message] nvarchar(1000) NULL,
        CONSTRAINT [pk_sync_run_channels] PRIMARY KEY ([run_id], [channel_id]),
        CONSTRAINT [fk_sync_run_channels_sync_runs_run_id] FOREIGN KEY ([run_id]) REFERENCES [sync_runs] ([id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201045412_Initial'
)
BEGIN
    CREATE INDEX [ix_connections_owner_email_id] ON [connections] ([owner_email], [id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201045412_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [ix_connections_owner_email_platform_name_key] ON [connections] ([owner_email], [platform], [name_key]);
END;

IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201045412_Initial'
)
BEGIN
    CREATE INDEX [ix_connections_platform_workspace_id] ON [connections] ([platform], [workspace_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201045412_Initial'
)
BEGIN
    CREATE INDEX [ix_connections_status] ON [connections] ([status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201045412_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [ix_messages_connection_id_channel_id_platform_id] ON [messages] ([connection_id], [channel_id], [platform_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201045412_Initial'
)
BEGIN
    CREATE INDEX [ix_messages_connection_id_channel_id_sent_at_key] ON [messages] ([connection_id], [channel_id], [sent_at], [key]);
END;

IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201045412_Initial'
)
BEGIN
    CREATE INDEX [ix_messages_connection_id_sent_at_key] ON [messages] ([connection_id], [sent_at], [key]);
END;

IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201045412_Initial'
)
BEGIN
    CREATE INDEX [ix_slack_workspace_audit_team_id_id] ON [slack_workspace_audit] ([team_id], [id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201045412_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [ix_slack_workspaces_one_active] ON [slack_workspaces] ([is_active]) WHERE [is_active] = 1');
END;

IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201045412_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [ix_slack_workspaces_team_id] ON [slack_workspaces] ([team_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201045412_Initial'
)
BEGIN
    CREATE INDEX [ix_sync_runs_connection_id_id] ON [sync_runs] ([connection_id], [id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201045412_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [ix_sync_runs_one_active_per_connection] ON [sync_runs] ([connection_id]) WHERE status IN (''Queued'', ''Running'')');
END;

IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201045412_Initial'
)
BEGIN
    INSERT INTO [__ef_migrations_history] ([MigrationId], [ProductVersion])
    VALUES (N'20261201045412_Initial', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201060410_MessageVersion'
)
BEGIN
    ALTER TABLE [messages] ADD [event_at] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201060410_MessageVersion'
)
BEGIN
    INSERT INTO [__ef_migrations_history] ([MigrationId], [ProductVersion])
    VALUES (N'20261201060410_MessageVersion', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201062159_WebhookRoutingIndex'
)
BEGIN
    DROP INDEX [ix_connections_platform_workspace_id] ON [connections];
END;

IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201062159_WebhookRoutingIndex'
)
BEGIN
    CREATE INDEX [ix_connections_platform_updated_at] ON [connections] ([platform], [updated_at]);
END;

IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201062159_WebhookRoutingIndex'
)
BEGIN
    CREATE INDEX [ix_connections_platform_workspace_id_updated_at] ON [connections] ([platform], [workspace_id], [updated_at]);
END;

IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201062159_WebhookRoutingIndex'
)
BEGIN
    INSERT INTO [__ef_migrations_history] ([MigrationId], [ProductVersion])
    VALUES (N'20261201062159_WebhookRoutingIndex', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201065941_WebhookRoutingByCreation'
)
BEGIN
    DROP INDEX [ix_connections_platform_updated_at] ON [connections];
END;

IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201065941_WebhookRoutingByCreation'
)
BEGIN
    DROP INDEX [ix_connections_platform_workspace_id_updated_at] ON [connections];
END;

IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201065941_WebhookRoutingByCreation'
)
BEGIN
    CREATE INDEX [ix_connections_platform_id] ON [connections] ([platform], [id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201065941_WebhookRoutingByCreation'
)
BEGIN
    CREATE INDEX [ix_connections_platform_workspace_id_id] ON [connections] ([platform], [workspace_id], [id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201065941_WebhookRoutingByCreation'
)
BEGIN
    INSERT INTO [__ef_migrations_history] ([MigrationId], [ProductVersion])
    VALUES (N'20261201065941_WebhookRoutingByCreation', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201070156_AddIdempotencyRequests'
)
BEGIN
    CREATE TABLE [idempotency_requests] (
        [caller_id] nvarchar(40) NOT NULL,
        [key] nvarchar(255) NOT NULL,
        [request_hash] nvarchar(64) NOT NULL,
        [state] nvarchar(20) NOT NULL,
        [status_code] int NULL,
        [headers_json] nvarchar(max) NULL,
        [body] varbinary(max) NULL,
        [created_at_ms] bigint NOT NULL,
        [expires_at_ms] bigint NOT NULL,
        CONSTRAINT [pk_idempotency_requests] PRIMARY KEY ([caller_id], [key])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201070156_AddIdempotencyRequests'
)
BEGIN
    CREATE INDEX [ix_idempotency_requests_expires_at_ms] ON [idempotency_requests] ([expires_at_ms]);
END;

IF NOT EXISTS (
    SELECT * FROM [__ef_migrations_history]
    WHERE [MigrationId] = N'20261201070156_AddIdempotencyRequests'
)
BEGIN
    INSERT INTO [__ef_migrations_history] ([MigrationId], [ProductVersion])
    VALUES (N'20261201070156_AddIdempotencyRequests', N'10.0.15');
END;

COMMIT;
GO

