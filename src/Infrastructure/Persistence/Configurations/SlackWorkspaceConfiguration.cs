using Connections.Domain.SlackWorkspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Connections.Infrastructure.Persistence.Configurations;

internal sealed class SlackWorkspaceConfiguration : IEntityTypeConfiguration<SlackWorkspace>
{
    public void Configure(EntityTypeBuilder<SlackWorkspace> builder)
    {
        builder.ToTable("slack_workspaces");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).ValueGeneratedNever();
        builder.Property(w => w.TeamId).HasMaxLength(SlackWorkspace.MaxIdLength).IsRequired();
        builder.Property(w => w.TeamName).HasMaxLength(SlackWorkspace.MaxNameLength).IsRequired();
        builder.Property(w => w.AppId).HasMaxLength(SlackWorkspace.MaxIdLength);
        builder.Property(w => w.AppName).HasMaxLength(SlackWorkspace.MaxNameLength);
        builder.Property(w => w.BotUserId).HasMaxLength(SlackWorkspace.MaxIdLength);
        builder.Property(w => w.CreatedBy).HasMaxLength(254).IsRequired();
        builder.Property(w => w.ProtectedBotToken).IsRequired();
        builder.Property(w => w.ProtectedAppToken).IsRequired();
        builder.Property(w => w.ProtectedSigningSecret).IsRequired();
        builder.Property(w => w.Version).IsConcurrencyToken();
        builder.Ignore(w => w.DomainEvents);

        // One configuration per team, and at most one active: the filter reads the same on SQLite (0/1) and
        // PostgreSQL (boolean); SQL Server needs "= 1" (SqlServerConnectionsDbContext says so).
        builder.HasIndex(w => w.TeamId).IsUnique();
        builder.HasIndex(w => w.IsActive).IsUnique().HasFilter("is_active").HasDatabaseName("ix_slack_workspaces_one_active");
    }
}

internal sealed class SlackWorkspaceAuditEntryConfiguration : IEntityTypeConfiguration<SlackWorkspaceAuditEntry>
{
    public void Configure(EntityTypeBuilder<SlackWorkspaceAuditEntry> builder)
    {
        builder.ToTable("slack_workspace_audit");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.TeamId).HasMaxLength(SlackWorkspace.MaxIdLength).IsRequired();
        builder.Property(e => e.Action).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Actor).HasMaxLength(254).IsRequired();
        builder.Property(e => e.ActorRole).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.ChangedFields).HasMaxLength(256).IsRequired();

        // No foreign key: the trail outlives the configurations it describes.
        builder.HasIndex(e => new { e.TeamId, e.Id });
    }
}
