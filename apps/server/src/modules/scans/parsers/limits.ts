/**
 * Bounds that keep a parse in bounded memory whatever the file: each is far above what a
 * real scanner writes (the samples' largest text is a Nessus plugin output of some 100 KB)
 * and far below what would strain the process.
 */
export const SCAN_PARSE_LIMITS = {
  /** Default refusal size when the caller sets none (the service passes its own). */
  maxBytes: 2 * 1024 ** 3,
  /**
   * Characters one XML token or JSON string may take before it is refused (`token_too_long`):
   * saxes and the JSON tokenizer hold the token they are reading whole.
   */
  maxTokenChars: 8 * 1024 * 1024,
  /** Open XML elements or JSON containers at once (`too_deep`); real reports nest under 15. */
  maxDepth: 64,
  /** Characters of one field kept (description, solution, plugin output); the rest is cut. */
  maxFieldChars: 64 * 1024,
  /** Characters of a finding's evidence (plugin output, request and response together). */
  maxEvidenceChars: 32 * 1024,
  /** Characters of one request or response shown in the evidence (Burp, ZAP). */
  maxHttpMessageChars: 8 * 1024,
  /** CVEs, CWEs or references kept on one finding. */
  maxIdentifiers: 2000,
  /** Instances (distinct URLs) of one ZAP alert. */
  maxInstancesPerAlert: 100_000,
  /** Locations of one SARIF result made findings (the result object is held whole anyway). */
  maxLocationsPerResult: 10_000,
  /**
   * SARIF results of one run held until its rules arrive, when the run writes its results
   * before its tool (keys sorted: Semgrep through GitLab); past this they are read without.
   */
  maxDeferredResultsPerRun: 10_000,
  /** SARIF rules of one run kept for lookups. */
  maxRulesPerRun: 50_000,
  /** Entries of a scan's scope kept. */
  maxScope: 1000,
  /** Bytes of the head looked at to detect the format. */
  detectBytes: 64 * 1024,
} as const;
