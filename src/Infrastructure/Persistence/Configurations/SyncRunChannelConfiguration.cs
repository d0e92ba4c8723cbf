using Connections.Domain.Syncs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Connections.Infrastructure.Persistence.Configurations;

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
