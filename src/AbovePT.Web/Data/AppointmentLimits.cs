namespace AbovePT.Web.Data;

/// <summary>Field lengths shared by the form's validation and the database columns.</summary>
public static class AppointmentLimits
{
    public const int Name = 50;
    public const int Email = 254;
    public const int PhoneInput = 40;
    public const int PhoneExtension = 8;
    public const int Message = 500;
    public const int Insurance = 100;
    public const int Slug = 100;
}
