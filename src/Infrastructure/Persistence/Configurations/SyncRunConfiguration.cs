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
