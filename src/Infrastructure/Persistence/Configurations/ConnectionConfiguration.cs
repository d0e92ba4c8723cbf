using Connections.Domain.Connections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Connections.Infrastructure.Persistence.Configurations;

internal sealed class ConnectionConfiguration : IEntityTypeConfiguration<Connection>
{
    public void Configure(EntityTypeBuilder<Connection> builder)
    {
        builder.ToTable("connections");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasMaxLength(40);
        builder.Property(c => c.Platform).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Name).HasMaxLength(ConnectionName.MaxLength).IsRequired();
        builder.Property(c => c.NameKey).HasMaxLength(ConnectionName.MaxLength).IsRequired();
        builder.Property(c => c.OwnerEmail).HasMaxLength(254).IsRequired();
        builder.Property(c => c.ProtectedCredentials).IsRequired();
        builder.Property(c => c.WorkspaceId).HasMaxLength(64).IsRequired();
        builder.Property(c => c.LastErrorCode).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.LastErrorMessage).HasMaxLength(1000);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.ComplexProperty(c => c.Settings, settings =>
        {
            settings.Property(s => s.SyncIntervalMinutes).HasColumnName("sync_interval_minutes");
            settings.Property(s => s.WikiEnabled).HasColumnName("wiki_enabled");
            settings.Property(s => s.GraphEnabled).HasColumnName("graph_enabled");
        });
        builder.Ignore(c => c.DomainEvents);

        builder.HasMany(c => c.Channels)
            .WithOne()
            .HasForeignKey(ch => ch.ConnectionId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Channels).UsePropertyAccessMode(PropertyAccessMode.Field).HasField("_channels");

        builder.HasIndex(c => new { c.OwnerEmail, c.Platform, c.NameKey }).IsUnique();
        builder.HasIndex(c => new { c.OwnerEmail, c.Id });
        builder.HasIndex(c => c.Status);

        // Slack Events deliveries are routed by team id before their signature is checked, to the team's newest
        // connection (or, naming no team, the newest Slack connection): one index seek each (ADR 0019).
        builder.HasIndex(c => new { c.Platform, c.WorkspaceId, c.Id });
        builder.HasIndex(c => new { c.Platform, c.Id });
    }
}

internal sealed class ConnectionChannelConfiguration : IEntityTypeConfiguration<ConnectionChannel>
{
    public void Configure(EntityTypeBuilder<ConnectionChannel> builder)
    {
        builder.ToTable("connection_channels");
        builder.HasKey(c => new { c.ConnectionId, c.ChannelId });
        builder.Property(c => c.ConnectionId).HasMaxLength(40);
        builder.Property(c => c.ChannelId).HasMaxLength(64);
        builder.Property(c => c.Name).HasMaxLength(256).IsRequired();
        builder.Property(c => c.SyncCursor).HasMaxLength(64);
        builder.Property(c => c.SyncPassToken).HasMaxLength(2048);
        builder.Property(c => c.SyncErrorCode).HasConversion<string>().HasMaxLength(32);
    }
}
