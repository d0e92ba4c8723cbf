using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Connections.Infrastructure.Persistence.Configurations;

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
