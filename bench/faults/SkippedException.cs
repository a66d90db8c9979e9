namespace AbovePT.Bench.Faults;

/// <summary>The scenario cannot run on this machine (e.g. no permission to mount); printed as "skipped", never as a pass.</summary>
internal sealed class SkippedException(string reason) : Exception(reason);
