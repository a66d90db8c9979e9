using System.Globalization;

namespace AbovePT.Bench.Faults;

/// <summary>One scenario's figures; <see cref="Lost"/> must be zero.</summary>
internal sealed record Report(string Scenario, int Posted, int Accepted, long Stored, int Emailed, int Duplicates, long Undelivered, string Notes)
{
    public const string Header = "scenario   posted accepted stored e-mailed duplicates undelivered  notes";

    /// <summary>Accepted but not stored, or stored but never e-mailed.</summary>
    public long Lost => Math.Max(0, Accepted - Stored) + Math.Max(0, Stored - Emailed);

    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "{0,-10} {1,6} {2,8} {3,6} {4,8} {5,10} {6,11}  {7}", Scenario, Posted, Accepted, Stored, Emailed, Duplicates, Undelivered, Notes);
}
