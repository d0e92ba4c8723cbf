using Connections.Domain.Messages;
using Connections.Domain.Syncs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Connections.Infrastructure.Persistence.Configurations;

internal sealed class SyncRunConfiguration : IEntityTypeConfiguration<SyncRun>
{
    public void Configure(EntityTypeBuilder<SyncRun> builder)
    {
        builder.ToTable("sync_runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasMaxLength(40);
        builder.Property(r => r.ConnectionId).HasMaxLength(40).IsRequired();
        builder.Property(r => r.Trigger).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.ErrorCode).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.ErrorMessage).HasMaxLength(1000);
        builder.Ignore(r => r.IsActive);
        builder.Ignore(r => r.DomainEvents);
        builder.HasOne<Domain.Connections.Connection>().WithMany().HasForeignKey(r => r.ConnectionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Channels).WithOne().HasForeignKey(c => c.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Channels).UsePropertyAccessMode(PropertyAccessMode.Field).HasField("_channels");
        builder.HasIndex(r => new { r.ConnectionId, r.Id });

        // At most one queued or running run per connection, enforced by the database against racing instances.
        builder.HasIndex(r => r.ConnectionId)
            .IsUnique()
            .HasFilter("status IN ('Queued', 'Running')")
            .HasDatabaseName("ix_sync_runs_one_active_per_connection");
    }
}

internal sealed class SyncRunChannelConfiguration : IEntityTypeConfiguration<SyncRunChannel>
{
    public void Configure(EntityTypeBuilder<SyncRunChannel> builder)
    {
        builder.ToTable("sync_run_channels");
        builder.HasKey(c => new { c.RunId, c.ChannelId });
        builder.Property(c => c.RunId).HasMaxLength(40);
        builder.Property(c => c.ChannelId).HasMaxLength(64);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.ErrorCode).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.ErrorMessage).HasMaxLength(1000);
    }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.ToTable("messages");
        builder.HasKey(m => m.Key);
        builder.Property(m => m.Key).ValueGeneratedOnAdd();
        builder.Property(m => m.ConnectionId).HasMaxLength(40).IsRequired();
        builder.Property(m => m.ChannelId).HasMaxLength(64).IsRequired();
        builder.Property(m => m.PlatformId).HasMaxLength(64).IsRequired();
        builder.Property(m => m.AuthorId).HasMaxLength(64);
        builder.Property(m => m.AuthorName).HasMaxLength(256);
        builder.Property(m => m.ThreadId).HasMaxLength(64);
        builder.Property(m => m.Text).IsRequired();
        builder.Property(m => m.SearchText).IsRequired();
        builder.HasOne<Domain.Connections.Connection>().WithMany().HasForeignKey(m => m.ConnectionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.ConnectionId, m.ChannelId, m.PlatformId }).IsUnique();
        builder.HasIndex(m => new { m.ConnectionId, m.SentAt, m.Key });
        builder.HasIndex(m => new { m.ConnectionId, m.ChannelId, m.SentAt, m.Key });
    }
}

internal sealed class SyncLeaseConfiguration : IEntityTypeConfiguration<SyncLease>
{
    public void Configure(EntityTypeBuilder<SyncLease> builder)
    {
        builder.ToTable("sync_leases");
        builder.HasKey(l => l.ConnectionId);
        builder.Property(l => l.ConnectionId).HasMaxLength(40);
        builder.Property(l => l.Owner).HasMaxLength(100).IsRequired();
    }
}
