namespace AbovePT.Web.Features.Appointments;

/// <summary>
/// Names the appointment feature's strings in both languages (<c>Resources/Features/Appointments/AppointmentText.resx</c>
/// and <c>.es.resx</c>): the form, its choices and validation messages, the confirmation and the refusal pages.
/// One resource for the views and the code, since they share them (a choice's label, the emergency line).
/// </summary>
/// <remarks>
/// A choice's label is <c>{field}.{code}</c>: the codes stored and posted are the same in both languages. The
/// English labels also live in <see cref="AppointmentChoices"/>, which the staff side and the front desk's
/// e-mail read; a test keeps the two the same.
/// </remarks>
public sealed class AppointmentText;
