using AbovePT.Web.Features.Appointments.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AbovePT.Web.Data;

/// <summary>The clinic's own data: appointment requests and the state of their e-mails.</summary>
/// <remarks>
/// After changing the model, add a migration from the repository root:
/// <code>dotnet tool restore &amp;&amp; dotnet ef migrations add &lt;Name&gt; --project src/AbovePT.Web --output-dir Data/Migrations</code>
/// <c>./test.sh</c> fails while the model has changes no migration covers.
/// </remarks>
public sealed class ClinicDbContext(DbContextOptions<ClinicDbContext> options) : DbContext(options)
{
    public DbSet<AppointmentRequest> AppointmentRequests => Set<AppointmentRequest>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every instant is stored as UTC text, which SQLite compares correctly; reads come back as UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DeliveryStatus>().HaveConversion<string>().HaveMaxLength(10);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var request = modelBuilder.Entity<AppointmentRequest>();
        request.HasIndex(r => r.Reference).IsUnique();
        request.HasIndex(r => r.SubmissionId).IsUnique();
        request.HasIndex(r => r.ReceivedAtUtc);
        request.Property(r => r.Reference).HasMaxLength(16);
        request.Property(r => r.LocationId).HasMaxLength(32);
        request.Property(r => r.FirstName).HasMaxLength(AppointmentLimits.Name);
        request.Property(r => r.LastName).HasMaxLength(AppointmentLimits.Name);
        request.Property(r => r.Phone).HasMaxLength(16);
        request.Property(r => r.PhoneExtension).HasMaxLength(AppointmentLimits.PhoneExtension);
        request.Property(r => r.Email).HasMaxLength(AppointmentLimits.Email);
        request.Property(r => r.ContactMethod).HasMaxLength(16);
        request.Property(r => r.PatientType).HasMaxLength(16);
        request.Property(r => r.Reason).HasMaxLength(32);
        request.Property(r => r.Message).HasMaxLength(AppointmentLimits.Message);
        request.Property(r => r.PreferredDays).HasMaxLength(32);
        request.Property(r => r.PreferredTimes).HasMaxLength(32);
        request.Property(r => r.Referral).HasMaxLength(16);
        request.Property(r => r.Insurance).HasMaxLength(AppointmentLimits.Insurance);
        request.Property(r => r.ConsentVersion).HasMaxLength(32);
        request.Property(r => r.SourceArticle).HasMaxLength(AppointmentLimits.Slug);
        request.Ignore(r => r.PreferredDayCodes);
        request.Ignore(r => r.PreferredTimeCodes);

        // Each e-mail's state lives in the request's own row; the indexes serve the dispatcher's
        // "what is due" query and anyone asking what is still pending or failed.
        request.OwnsOne(r => r.FrontDeskMail, Delivery);
        request.OwnsOne(r => r.PatientMail, Delivery);
        request.Navigation(r => r.FrontDeskMail).IsRequired();
        request.Navigation(r => r.PatientMail).IsRequired();

        static void Delivery(OwnedNavigationBuilder<AppointmentRequest, MailDelivery> delivery)
        {
            delivery.Property(d => d.LastError).HasMaxLength(500);
            delivery.HasIndex(d => new { d.Status, d.NextAttemptAtUtc });
        }
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        value => value.ToUniversalTime(),
        value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
