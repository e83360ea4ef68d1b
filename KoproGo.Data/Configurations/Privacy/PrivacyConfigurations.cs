namespace KoproGo.Data.Configurations;

public sealed class ConsentRecordConfiguration : IEntityTypeConfiguration<ConsentRecord>
{
    public void Configure(EntityTypeBuilder<ConsentRecord> b)
    {
        b.ToTable("consent_records");
        b.HasIndex(x => new { x.UserId, x.Document, x.Version });
    }
}
