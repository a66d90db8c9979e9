using System.Globalization;

namespace AbovePT.Bench.Faults;

/// <summary>One scenario's figures; <see cref="Lost"/> and <see cref="FailedChecks"/> must be zero.</summary>
/// <param name="Scenario">Its name on the command line.</param>
/// <param name="Posted">Posts attempted (form opened, then posted).</param>
/// <param name="Accepted">Posts answered 303: the patient was told the request was received.</param>
/// <param name="Unavailable">Posts answered 503 (by the form page or by the post itself): the patient was told nothing was saved.</param>
/// <param name="Emailed">Distinct front-desk e-mails received.</param>
/// <param name="Confirmations">Distinct patient confirmations received.</param>
/// <param name="ConfirmationsDue">Stored requests whose patient gave an e-mail address.</param>
/// <param name="Duplicates">Messages received again with a Message-Id already received, of either kind.</param>
/// <param name="Stored">Rows in the database (sqlite3).</param>
/// <param name="Undelivered">E-mails (front desk and confirmations) not marked sent in the database.</param>
/// <param name="FailedChecks">Checks of the scenario that failed (named in the notes).</param>
/// <param name="Notes">What the scenario did and saw.</param>
internal sealed record Report(
    string Scenario, int Posted, int Accepted, int Unavailable, long Stored, int Emailed, int Confirmations, long ConfirmationsDue,
    int Duplicates, long Undelivered, int FailedChecks, string Notes)
{
    public const string Header =
        "scenario           posted accepted  503 stored e-mailed confirmed duplicates undelivered  notes";

    /// <summary>Accepted but not stored, or stored but never e-mailed (front desk, or the patient's confirmation).</summary>
    public long Lost => Math.Max(0, Accepted - Stored) + Math.Max(0, Stored - Emailed) + Math.Max(0, ConfirmationsDue - Confirmations);

    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "{0,-18} {1,6} {2,8} {3,4} {4,6} {5,8} {6,9} {7,10} {8,11}  {9}",
        Scenario, Posted, Accepted, Unavailable, Stored, Emailed,
        ConfirmationsDue == 0 && Confirmations == 0 ? "-" : Confirmations.ToString(CultureInfo.InvariantCulture),
        Duplicates, Undelivered, Notes);
}
