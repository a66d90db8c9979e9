namespace AbovePT.Web.Hosting.Languages;

/// <summary>
/// The patient pages' addresses in both languages: the controllers' route templates and the views' links use
/// these. A page's Spanish route is named as its English one plus <see cref="PageAddresses.SpanishSuffix"/>,
/// which is how the layout finds a page's twin (<see cref="PageAddresses"/>).
/// </summary>
public static class PatientRoutes
{
    public const string Home = "/";
    public const string HomeEs = "/es";
    public const string Articles = "/articles";
    public const string ArticlesEs = "/es/articulos";
    public const string AppointmentForm = "/appointments/request";
    public const string AppointmentFormEs = "/es/citas/solicitar";
    public const string AppointmentReceived = "/appointments/request/received";
    public const string AppointmentReceivedEs = "/es/citas/solicitar/recibida";
    public const string Privacy = "/privacy";
    public const string PrivacyEs = "/es/privacidad";
    public const string Feed = "/feed.xml";
    public const string FeedEs = "/es/feed.xml";
}

/// <summary>The patient pages' paths in the language of the page being rendered, for the links views write.</summary>
public sealed record PatientPaths(string Home, string Articles, string AppointmentForm, string Privacy, string Feed)
{
    public static PatientPaths English { get; } =
        new(PatientRoutes.Home, PatientRoutes.Articles, PatientRoutes.AppointmentForm, PatientRoutes.Privacy, PatientRoutes.Feed);

    public static PatientPaths Spanish { get; } =
        new(PatientRoutes.HomeEs, PatientRoutes.ArticlesEs, PatientRoutes.AppointmentFormEs, PatientRoutes.PrivacyEs, PatientRoutes.FeedEs);

    public static PatientPaths Current => SiteLanguages.IsSpanish ? Spanish : English;
}
